import { InvalidParameterError, MAX_EXPIRATION_SECONDS, requireCluster, rotateClusterKey } from '@eksid/core';
import type { ServerContext } from '../context.js';
import { bodyObject } from './fields.js';
import { DEFAULT_EXPIRATION_SECONDS } from './token.js';

export interface RotatedKeys {
  cluster: string;
  /** The key that signs from now on. */
  kid: string;
  /** Every key the cluster's JWKS publishes now, newest first; `publishedUntil` null for the active one. */
  keys: { kid: string; publishedUntil: string | null }[];
}

/**
 * How long the retired key stays in the JWKS: the longest lifetime of a token it signed. The
 * default is a day, the IRSA webhook's and `eksid token`'s token lifetime; a token minted with a
 * longer --expiration stops verifying when that window ends. 0 drops the old key at once (a
 * compromised key, or a test of what clients do with a token whose key is gone).
 */
function maxTokenLifetimeOf(raw: unknown): number {
  const value = bodyObject(raw)['maxTokenLifetimeSeconds'] ?? DEFAULT_EXPIRATION_SECONDS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_EXPIRATION_SECONDS) {
    throw new InvalidParameterError(`'maxTokenLifetimeSeconds' must be a whole number of seconds from 0 to ${MAX_EXPIRATION_SECONDS}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * POST /_eksid/keys/:cluster/rotate {maxTokenLifetimeSeconds?}: a new key signs from now on,
 * the old one stays published until the tokens it signed have expired, then leaves the JWKS
 * (as EKS rotates its issuer keys, EKS user guide irsa-fetch-keys).
 */
export async function rotateKey(ctx: ServerContext, clusterName: string, raw: unknown): Promise<RotatedKeys> {
  const maxTokenLifetimeSeconds = maxTokenLifetimeOf(raw);
  const cluster = requireCluster(ctx, clusterName);
  const fresh = await rotateClusterKey(ctx.store, ctx.deps, cluster.name, { maxTokenLifetimeSeconds });
  const keys = ctx.store.signingKeys.published(cluster.name, ctx.deps.clock.now());
  return { cluster: cluster.name, kid: fresh.kid, keys: keys.map((k) => ({ kid: k.kid, publishedUntil: k.publishUntil?.toISOString() ?? null })) };
}
