import type { KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import type { Deps } from '../deps.js';
import { clusterVerificationKey } from '../keys/index.js';
import { DISCOVERY_PATH } from '../oidc/index.js';
import type { Store } from '../store/index.js';
import { IdpCommunicationError, InvalidIdentityTokenError } from '../sts/errors.js';
import { STS_MESSAGES, rejection, unknownKid } from './token-checks.js';

/** Keys of one of eksid's own clusters: the ones it publishes now, from the store (no fetch). */
export function ownClusterKeys(store: Store, deps: Deps, clusterName: string): (header: { kid?: unknown }) => KeyObject {
  return ({ kid }) => {
    const key = typeof kid === 'string' ? clusterVerificationKey(store, deps, clusterName, kid) : undefined;
    if (!key) throw unknownKid(kid, `cluster ${clusterName}`);
    return key;
  };
}

export interface RemoteKeyOptions {
  /** Per HTTP request; STS gives up on an IdP slower than 5 s (AWS knowledge center iam-sts-invalididentitytoken). */
  timeoutMs?: number;
  /** Least time between two JWKS refetches triggered by unknown kids (jose cooldownDuration). */
  cooldownMs?: number;
  /** How long a fetched JWKS is used before it is fetched again (jose cacheMaxAge). */
  cacheMaxAgeMs?: number;
}

const keysFailure = (detail: string) => rejection('keys', detail, new InvalidIdentityTokenError(STS_MESSAGES.noKey));
const unreachable = (detail: string) => rejection('keys', detail, new IdpCommunicationError(STS_MESSAGES.unreachable));

/** No HTTP answer at all (refused, DNS, timeout), as opposed to an answer that is wrong. */
function isNetworkFailure(e: unknown): boolean {
  if (e instanceof errors.JWKSTimeout) return true;
  if (e instanceof errors.JOSEError) return false;
  const name = (e as Error).name;
  return name === 'TimeoutError' || name === 'AbortError' || (e instanceof TypeError && (e as Error).message === 'fetch failed');
}

/**
 * Keys of issuers outside eksid, fetched the way STS does: `<iss>/.well-known/openid-configuration`,
 * then its `jwks_uri`. One discovery fetch and one jose remote JWKS (with its own cache and
 * cooldown) per issuer; a failed discovery is not cached so the next call retries.
 *
 * An IdP that answers wrongly (404, 500, no jwks_uri, bad JSON) gets InvalidIdentityToken
 * "Couldn't retrieve verification key ..." as observed from real STS (see STS_MESSAGES). An IdP
 * that cannot be reached at all (refused, timed out) gets IDPCommunicationError, which the STS
 * API reference defines as "the IdP ... could not be reached" and which SDKs retry as transient.
 * Observed STS answers blur the two (the knowledge center also reports the first for slow IdPs);
 * eksid keeps them apart so clients' retry logic is exercised.
 */
export class RemoteKeyResolver {
  private readonly timeoutMs: number;
  private readonly cooldownMs: number;
  private readonly cacheMaxAgeMs: number;
  private readonly sets = new Map<string, Promise<JWTVerifyGetKey>>();

  constructor(options: RemoteKeyOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.cacheMaxAgeMs = options.cacheMaxAgeMs ?? 600_000;
  }

  resolver(issuer: string): JWTVerifyGetKey {
    return async (header, token) => {
      const set = await this.keySet(issuer);
      try {
        return await set(header, token);
      } catch (e) {
        if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) throw unknownKid(header.kid, issuer);
        const detail = `JWKS of ${issuer} could not be fetched: ${(e as Error).message}`;
        throw isNetworkFailure(e) ? unreachable(detail) : keysFailure(detail);
      }
    };
  }

  private keySet(issuer: string): Promise<JWTVerifyGetKey> {
    let set = this.sets.get(issuer);
    if (!set) {
      set = this.discover(issuer);
      this.sets.set(issuer, set);
      set.catch(() => this.sets.delete(issuer));
    }
    return set;
  }

  private async discover(issuer: string): Promise<JWTVerifyGetKey> {
    const url = `${issuer.replace(/\/+$/, '')}${DISCOVERY_PATH}`;
    let body: unknown;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' } });
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new Error(`HTTP ${response.status}`);
      }
      body = await response.json();
    } catch (e) {
      const detail = `GET ${url} failed: ${(e as Error).message}`;
      throw isNetworkFailure(e) ? unreachable(detail) : keysFailure(detail);
    }
    const jwksUri = (body as { jwks_uri?: unknown } | null)?.jwks_uri;
    if (typeof jwksUri !== 'string' || !URL.canParse(jwksUri)) {
      throw keysFailure(`${url} has no valid jwks_uri`);
    }
    return createRemoteJWKSet(new URL(jwksUri), {
      timeoutDuration: this.timeoutMs,
      cooldownDuration: this.cooldownMs,
      cacheMaxAge: this.cacheMaxAgeMs,
    });
  }
}
