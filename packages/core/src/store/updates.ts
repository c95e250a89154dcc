import { Repo } from './repo.js';
import { fromJson, toJson } from './json.js';
import type { UpdateRecord } from './types.js';

interface UpdateRow {
  account_id: string;
  cluster_name: string;
  id: string;
  addon_name: string | null;
  type: string;
  params: string;
  client_request_token: string | null;
  request_digest: string;
  created_at: string;
}

const toUpdate = (r: UpdateRow): UpdateRecord => ({
  accountId: r.account_id,
  clusterName: r.cluster_name,
  id: r.id,
  addonName: r.addon_name,
  type: r.type,
  params: fromJson(r.params),
  clientRequestToken: r.client_request_token,
  requestDigest: r.request_digest,
  createdAt: new Date(r.created_at),
});

/**
 * EKS updates, each scoped to its cluster and add-on (`addonName` null: the cluster's own).
 * They are never changed once made; they go with their add-on or cluster.
 */
export class UpdateRepo extends Repo {
  add(u: UpdateRecord): void {
    this.stmt(
        `INSERT INTO eks_updates (account_id, cluster_name, id, addon_name, type, params, client_request_token, request_digest, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(u.accountId, u.clusterName, u.id, u.addonName, u.type, toJson(u.params), u.clientRequestToken, u.requestDigest, u.createdAt.toISOString());
  }

  /** The update `id` within one scope: an add-on's update is not found under its cluster alone, nor under another add-on. */
  get(accountId: string, clusterName: string, addonName: string | null, id: string): UpdateRecord | undefined {
    const row = this.stmt('SELECT * FROM eks_updates WHERE account_id = ? AND cluster_name = ? AND addon_name IS ? AND id = ?')
      .get(accountId, clusterName, addonName, id) as UpdateRow | undefined;
    return row && toUpdate(row);
  }

  /** The update a request with this clientRequestToken made, anywhere in the account. */
  byClientRequestToken(accountId: string, token: string): UpdateRecord | undefined {
    const row = this.stmt('SELECT * FROM eks_updates WHERE account_id = ? AND client_request_token = ?').get(accountId, token) as UpdateRow | undefined;
    return row && toUpdate(row);
  }

  /**
   * A scope's updates oldest first, from the update `fromId` on when given (a page token's
   * start); an id no longer kept lists nothing, as its scope went with it.
   */
  list(accountId: string, clusterName: string, addonName: string | null, fromId?: string): UpdateRecord[] {
    const rows = fromId === undefined
      ? this.stmt('SELECT * FROM eks_updates WHERE account_id = ? AND cluster_name = ? AND addon_name IS ? ORDER BY seq').all(accountId, clusterName, addonName)
      : this.stmt(
          `SELECT * FROM eks_updates WHERE account_id = ? AND cluster_name = ? AND addon_name IS ?
             AND seq >= (SELECT seq FROM eks_updates WHERE account_id = ? AND id = ?) ORDER BY seq`,
        ).all(accountId, clusterName, addonName, accountId, fromId);
    return (rows as UpdateRow[]).map(toUpdate);
  }

  deleteForAddon(accountId: string, clusterName: string, addonName: string): number {
    return this.stmt('DELETE FROM eks_updates WHERE account_id = ? AND cluster_name = ? AND addon_name = ?').run(accountId, clusterName, addonName).changes;
  }

  deleteForCluster(accountId: string, clusterName: string): number {
    return this.stmt('DELETE FROM eks_updates WHERE account_id = ? AND cluster_name = ?').run(accountId, clusterName).changes;
  }
}
