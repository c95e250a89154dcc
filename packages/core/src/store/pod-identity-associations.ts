import { Repo } from './repo.js';
import { fromJson, toJson } from './json.js';
import type { PodIdentityAssociationRecord } from './types.js';

interface AssociationRow {
  association_id: string;
  account_id: string;
  cluster_name: string;
  namespace: string;
  service_account: string;
  role_arn: string;
  association_arn: string;
  tags: string;
  disable_session_tags: number;
  target_role_arn: string | null;
  external_id: string | null;
  policy: string | null;
  owner_arn: string | null;
  client_request_token: string | null;
  request_digest: string | null;
  created_at: string;
  modified_at: string;
}

const toAssociation = (r: AssociationRow): PodIdentityAssociationRecord => ({
  associationId: r.association_id,
  accountId: r.account_id,
  clusterName: r.cluster_name,
  namespace: r.namespace,
  serviceAccount: r.service_account,
  roleArn: r.role_arn,
  associationArn: r.association_arn,
  tags: fromJson(r.tags),
  disableSessionTags: r.disable_session_tags === 1,
  targetRoleArn: r.target_role_arn,
  externalId: r.external_id,
  policy: r.policy,
  ownerArn: r.owner_arn,
  clientRequestToken: r.client_request_token,
  requestDigest: r.request_digest,
  createdAt: new Date(r.created_at),
  modifiedAt: new Date(r.modified_at),
});

export interface AssociationFilter {
  namespace?: string;
  serviceAccount?: string;
}

export class PodIdentityAssociationRepo extends Repo {
  /** Inserts or overwrites by association id. */
  put(a: PodIdentityAssociationRecord): void {
    this.stmt(
        `INSERT INTO pod_identity_associations (association_id, account_id, cluster_name, namespace, service_account, role_arn, association_arn, tags,
           disable_session_tags, target_role_arn, external_id, policy, owner_arn, client_request_token, request_digest, created_at, modified_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (association_id) DO UPDATE SET role_arn = excluded.role_arn, tags = excluded.tags,
           disable_session_tags = excluded.disable_session_tags, target_role_arn = excluded.target_role_arn,
           external_id = excluded.external_id, policy = excluded.policy, modified_at = excluded.modified_at`,
      )
      .run(
        a.associationId, a.accountId, a.clusterName, a.namespace, a.serviceAccount, a.roleArn, a.associationArn, toJson(a.tags),
        a.disableSessionTags ? 1 : 0, a.targetRoleArn, a.externalId, a.policy, a.ownerArn, a.clientRequestToken, a.requestDigest,
        a.createdAt.toISOString(), a.modifiedAt.toISOString(),
      );
  }

  get(accountId: string, clusterName: string, associationId: string): PodIdentityAssociationRecord | undefined {
    const row = this.stmt('SELECT * FROM pod_identity_associations WHERE account_id = ? AND cluster_name = ? AND association_id = ?')
      .get(accountId, clusterName, associationId) as AssociationRow | undefined;
    return row && toAssociation(row);
  }

  /** The association a pod's service account has, if any (EKS allows at most one). */
  forServiceAccount(accountId: string, clusterName: string, namespace: string, serviceAccount: string): PodIdentityAssociationRecord | undefined {
    return this.remembered(`association\0${accountId}\0${clusterName}\0${namespace}\0${serviceAccount}`, () => {
      const row = this.stmt('SELECT * FROM pod_identity_associations WHERE account_id = ? AND cluster_name = ? AND namespace = ? AND service_account = ?').get(accountId, clusterName, namespace, serviceAccount) as AssociationRow | undefined;
      return row && toAssociation(row);
    });
  }

  /** Associations of a cluster in creation order, optionally filtered like ListPodIdentityAssociations. */
  list(accountId: string, clusterName: string, filter: AssociationFilter = {}): PodIdentityAssociationRecord[] {
    const rows = this.stmt(
        `SELECT * FROM pod_identity_associations WHERE account_id = ? AND cluster_name = ?
           AND (? IS NULL OR namespace = ?) AND (? IS NULL OR service_account = ?)
         ORDER BY created_at, association_id`,
      )
      .all(accountId, clusterName, filter.namespace ?? null, filter.namespace ?? null, filter.serviceAccount ?? null, filter.serviceAccount ?? null) as AssociationRow[];
    return rows.map(toAssociation);
  }

  delete(accountId: string, clusterName: string, associationId: string): boolean {
    return this.stmt('DELETE FROM pod_identity_associations WHERE account_id = ? AND cluster_name = ? AND association_id = ?')
      .run(accountId, clusterName, associationId).changes > 0;
  }

  /** The association a create request with this clientRequestToken made, in any cluster of the account. */
  byClientRequestToken(accountId: string, token: string): PodIdentityAssociationRecord | undefined {
    const row = this.stmt('SELECT * FROM pod_identity_associations WHERE account_id = ? AND client_request_token = ?').get(accountId, token) as AssociationRow | undefined;
    return row && toAssociation(row);
  }

  deleteForCluster(accountId: string, clusterName: string): number {
    return this.stmt('DELETE FROM pod_identity_associations WHERE account_id = ? AND cluster_name = ?').run(accountId, clusterName).changes;
  }
}
