import { clusterView } from './cluster.js';
import type { Cluster, EksContext } from './cluster.js';
import { requireCluster } from './describe-cluster.js';

/**
 * DeleteCluster. EKS answers with the cluster in DELETING and removes it minutes later;
 * eksid removes it (with its keys, service accounts and Pod Identity associations) at once,
 * so the issuer stops serving and tokens stop verifying immediately. Associations, add-ons and their updates go too:
 * they belong to the cluster, and a new cluster of the same name must not inherit them.
 */
export function deleteCluster(ctx: EksContext, name: string): Cluster {
  return ctx.store.transaction(() => {
    const record = requireCluster(ctx, name);
    ctx.store.podIdentityAssociations.deleteForCluster(ctx.config.accountId, name);
    ctx.store.updates.deleteForCluster(ctx.config.accountId, name);
    ctx.store.addons.deleteForCluster(ctx.config.accountId, name);
    ctx.store.clusters.delete(ctx.config.accountId, name);
    return clusterView(record, ctx.config, 'DELETING');
  });
}
