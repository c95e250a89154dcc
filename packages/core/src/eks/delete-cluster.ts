import { clusterView } from './cluster.js';
import type { Cluster, EksContext } from './cluster.js';
import { requireCluster } from './describe-cluster.js';

/**
 * DeleteCluster. EKS answers with the cluster in DELETING and removes it minutes later;
 * eksid removes it (with its keys and service accounts) at once, so the issuer stops
 * serving and tokens stop verifying immediately.
 */
export function deleteCluster(ctx: EksContext, name: string): Cluster {
  const record = requireCluster(ctx, name);
  ctx.store.clusters.delete(ctx.config.accountId, name);
  return clusterView(record, ctx.config, 'DELETING');
}
