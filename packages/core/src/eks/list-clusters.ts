import type { EksContext } from './cluster.js';
import { InvalidParameterError } from './errors.js';
import { constraintError } from './fields.js';

export interface ListClustersInput {
  maxResults?: number;
  nextToken?: string;
}

export interface ListClustersOutput {
  clusters: string[];
  nextToken?: string;
}

/** ListClustersRequestMaxResults: 1–100; EKS's default page is 100. */
const MAX_RESULTS = 100;
const TOKEN_PREFIX = 'eksid:';

/** ListClusters' query string (maxResults, nextToken; `include` names connected clusters, which eksid has none of). */
export function parseListClustersInput(query: Readonly<Record<string, unknown>>): ListClustersInput {
  const input: ListClustersInput = {};
  const max = query['maxResults'];
  if (max !== undefined) {
    const text = String(max);
    if (!/^-?\d+$/.test(text)) throw constraintError('maxResults', text, 'Member must be an integer');
    const n = Number(text);
    if (n < 1) throw constraintError('maxResults', n, 'Member must have value greater than or equal to 1');
    if (n > MAX_RESULTS) throw constraintError('maxResults', n, `Member must have value less than or equal to ${MAX_RESULTS}`);
    input.maxResults = n;
  }
  const token = query['nextToken'];
  if (token !== undefined && token !== '') input.nextToken = String(token);
  return input;
}

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
