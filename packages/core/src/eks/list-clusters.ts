import type { EksContext } from './cluster.js';
import { pageStart, pageToken } from './page-token.js';
import type { ListClustersRequest } from '../shapes/models/eks.js';

export type ListClustersInput = ListClustersRequest;

export interface ListClustersOutput {
  clusters: string[];
  nextToken?: string;
}

/** ListClustersRequestMaxResults' maximum, EKS's default page. */
const MAX_RESULTS = 100;

/**
 * Cluster names in name order. The token is opaque to clients and carries the name of the
 * first cluster of the next page (not an offset), so deletions between pages skip nothing.
 */
export function listClusters(ctx: EksContext, input: ListClustersInput = {}): ListClustersOutput {
  const names = ctx.store.clusters.list(ctx.config.accountId).map((c) => c.name);
  let start = 0;
  if (input.nextToken !== undefined) {
    const from = pageStart('cluster', input.nextToken);
    start = names.findIndex((name) => name >= from);
    if (start < 0) start = names.length;
  }
  const end = start + (input.maxResults ?? MAX_RESULTS);
  const next = names[end];
  const clusters = names.slice(start, end);
  return next === undefined ? { clusters } : { clusters, nextToken: pageToken('cluster', next) };
}
