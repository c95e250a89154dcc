import { Repo } from './repo.js';
import { fromJson, toJson } from './json.js';
import type { ClusterRecord, ServiceAccountRecord } from './types.js';

interface ClusterRow {
  account_id: string;
  name: string;
  arn: string;
  oidc_id: string;
  created_at: string;
  spec: string;
}

const toCluster = (r: ClusterRow): ClusterRecord => ({
  accountId: r.account_id,
  name: r.name,
  arn: r.arn,
  oidcId: r.oidc_id,
  createdAt: new Date(r.created_at),
  spec: fromJson(r.spec),
});

export class ClusterRepo extends Repo {

  insert(c: ClusterRecord): void {
    this.stmt('INSERT INTO clusters (account_id, name, arn, oidc_id, created_at, spec) VALUES (?, ?, ?, ?, ?, ?)')
      .run(c.accountId, c.name, c.arn, c.oidcId, c.createdAt.toISOString(), toJson(c.spec));
  }

  updateSpec(accountId: string, name: string, spec: Record<string, unknown>): void {
    this.stmt('UPDATE clusters SET spec = ? WHERE account_id = ? AND name = ?').run(toJson(spec), accountId, name);
  }

  get(accountId: string, name: string): ClusterRecord | undefined {
    return this.remembered(`cluster\0${accountId}\0${name}`, () => {
      const row = this.stmt('SELECT * FROM clusters WHERE account_id = ? AND name = ?').get(accountId, name) as ClusterRow | undefined;
      return row && toCluster(row);
    });
  }

  byOidcId(oidcId: string): ClusterRecord | undefined {
    const row = this.stmt('SELECT * FROM clusters WHERE oidc_id = ?').get(oidcId) as ClusterRow | undefined;
    return row && toCluster(row);
  }

  /** Just the name, for the token-verification hot path that needs nothing else. */
  nameByOidcId(oidcId: string): string | undefined {
    return this.remembered(`cluster-oidc\0${oidcId}`, () => {
      const row = this.stmt('SELECT name FROM clusters WHERE oidc_id = ?').get(oidcId) as { name: string } | undefined;
      return row?.name;
    });
  }

  list(accountId: string): ClusterRecord[] {
    const rows = this.stmt('SELECT * FROM clusters WHERE account_id = ? ORDER BY name').all(accountId) as ClusterRow[];
    return rows.map(toCluster);
  }

  /** Deletes the cluster with its keys and service accounts. */
  delete(accountId: string, name: string): void {
    this.db.transaction(() => {
      this.stmt('DELETE FROM clusters WHERE account_id = ? AND name = ?').run(accountId, name);
      this.stmt('DELETE FROM signing_keys WHERE cluster_name = ?').run(name);
      this.stmt('DELETE FROM service_accounts WHERE cluster_name = ?').run(name);
    })();
  }
}

interface ServiceAccountRow {
  cluster_name: string;
  namespace: string;
  name: string;
  uid: string;
  annotations: string;
}

const toServiceAccount = (r: ServiceAccountRow): ServiceAccountRecord => ({
  clusterName: r.cluster_name,
  namespace: r.namespace,
  name: r.name,
  uid: r.uid,
  annotations: fromJson(r.annotations),
});

export class ServiceAccountRepo extends Repo {

  get(clusterName: string, namespace: string, name: string): ServiceAccountRecord | undefined {
    const row = this.stmt('SELECT * FROM service_accounts WHERE cluster_name = ? AND namespace = ? AND name = ?')
      .get(clusterName, namespace, name) as ServiceAccountRow | undefined;
    return row && toServiceAccount(row);
  }

  /** Inserts or replaces annotations; the uid of an existing account is kept. */
  upsert(sa: ServiceAccountRecord): ServiceAccountRecord {
    this.stmt(
        `INSERT INTO service_accounts (cluster_name, namespace, name, uid, annotations) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (cluster_name, namespace, name) DO UPDATE SET annotations = excluded.annotations`,
      )
      .run(sa.clusterName, sa.namespace, sa.name, sa.uid, toJson(sa.annotations));
    return this.get(sa.clusterName, sa.namespace, sa.name) as ServiceAccountRecord;
  }

  list(clusterName: string): ServiceAccountRecord[] {
    const rows = this.stmt('SELECT * FROM service_accounts WHERE cluster_name = ? ORDER BY namespace, name')
      .all(clusterName) as ServiceAccountRow[];
    return rows.map(toServiceAccount);
  }
}
