import type { ClusterRecord } from '../store/index.js';
import { clusterView } from './cluster.js';
import type { Cluster, EksContext } from './cluster.js';
import { clusterNotFound } from './errors.js';

/** The stored cluster, or ResourceNotFoundException as DescribeCluster answers. */
export function requireCluster(ctx: EksContext, name: string): ClusterRecord {
  const record = ctx.store.clusters.get(ctx.config.accountId, name);
  if (!record) throw clusterNotFound(name);
  return record;
}

export function describeCluster(ctx: EksContext, name: string): Cluster {
  return clusterView(requireCluster(ctx, name), ctx.config);
}
