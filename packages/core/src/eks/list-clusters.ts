import type { EksContext } from './cluster.js';
import { InvalidParameterError } from './errors.js';
import type { ListClustersRequest } from '../shapes/models/eks.js';

export type ListClustersInput = ListClustersRequest;

export interface ListClustersOutput {
  clusters: string[];
  nextToken?: string;
}

/** ListClustersRequestMaxResults' maximum, EKS's default page. */
const MAX_RESULTS = 100;
const TOKEN_PREFIX = 'eksid:';

/**
 * Cluster names in name order. The token is opaque to clients and carries the name of the
 * first cluster of the next page (not an offset), so deletions between pages skip nothing.
 */
export function listClusters(ctx: EksContext, input: ListClustersInput = {}): ListClustersOutput {
  const names = ctx.store.clusters.list(ctx.config.accountId).map((c) => c.name);
  let start = 0;
  if (input.nextToken !== undefined) {
    const after = Buffer.from(input.nextToken, 'base64url').toString('utf8');
    if (!after.startsWith(TOKEN_PREFIX)) throw new InvalidParameterError('The nextToken provided is not valid');
    const from = after.slice(TOKEN_PREFIX.length);
    start = names.findIndex((name) => name >= from);
    if (start < 0) start = names.length;
  }
  const end = start + (input.maxResults ?? MAX_RESULTS);
  const next = names[end];
  const clusters = names.slice(start, end);
  return next === undefined ? { clusters } : { clusters, nextToken: Buffer.from(TOKEN_PREFIX + next).toString('base64url') };
}
