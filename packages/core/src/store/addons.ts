import { Repo } from './repo.js';
import { fromJson, toJson } from './json.js';
import type { AddonRecord } from './types.js';

interface AddonRow {
  account_id: string;
  cluster_name: string;
  addon_name: string;
  addon_version: string;
  addon_arn: string;
  service_account_role_arn: string | null;
  configuration_values: string | null;
  tags: string;
  created_at: string;
  modified_at: string;
}

const toAddon = (r: AddonRow): AddonRecord => ({
  accountId: r.account_id,
  clusterName: r.cluster_name,
  addonName: r.addon_name,
  addonVersion: r.addon_version,
  addonArn: r.addon_arn,
  serviceAccountRoleArn: r.service_account_role_arn,
  configurationValues: r.configuration_values,
  tags: fromJson(r.tags),
  createdAt: new Date(r.created_at),
  modifiedAt: new Date(r.modified_at),
});

/** EKS add-ons, one per (account, cluster, add-on name). */
export class AddonRepo extends Repo {
  /** Inserts or overwrites by (account, cluster, name). */
  put(a: AddonRecord): void {
    this.stmt(
        `INSERT INTO addons (account_id, cluster_name, addon_name, addon_version, addon_arn, service_account_role_arn, configuration_values, tags, created_at, modified_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, cluster_name, addon_name) DO UPDATE SET addon_version = excluded.addon_version,
           service_account_role_arn = excluded.service_account_role_arn, configuration_values = excluded.configuration_values,
           tags = excluded.tags, modified_at = excluded.modified_at`,
      )
      .run(a.accountId, a.clusterName, a.addonName, a.addonVersion, a.addonArn, a.serviceAccountRoleArn, a.configurationValues, toJson(a.tags), a.createdAt.toISOString(), a.modifiedAt.toISOString());
  }

  get(accountId: string, clusterName: string, addonName: string): AddonRecord | undefined {
    const row = this.stmt('SELECT * FROM addons WHERE account_id = ? AND cluster_name = ? AND addon_name = ?').get(accountId, clusterName, addonName) as AddonRow | undefined;
    return row && toAddon(row);
  }

  /** A cluster's add-ons by name, as ListAddons orders them. */
  list(accountId: string, clusterName: string): AddonRecord[] {
    const rows = this.stmt('SELECT * FROM addons WHERE account_id = ? AND cluster_name = ? ORDER BY addon_name').all(accountId, clusterName) as AddonRow[];
    return rows.map(toAddon);
  }

  delete(accountId: string, clusterName: string, addonName: string): boolean {
    return this.stmt('DELETE FROM addons WHERE account_id = ? AND cluster_name = ? AND addon_name = ?').run(accountId, clusterName, addonName).changes > 0;
  }

  deleteForCluster(accountId: string, clusterName: string): number {
    return this.stmt('DELETE FROM addons WHERE account_id = ? AND cluster_name = ?').run(accountId, clusterName).changes;
  }
}
