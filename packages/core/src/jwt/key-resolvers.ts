import type { KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import type { Deps } from '../deps.js';
import { clusterVerificationKey } from '../keys/index.js';
import { DISCOVERY_PATH } from '../oidc/index.js';
import type { Store } from '../store/index.js';
import { InvalidIdentityTokenError } from '../sts/errors.js';
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

/** One provider's keys: the issuer URL they were discovered from, and jose's remote JWKS. */
interface ProviderKeys {
  issuer: string;
  set: Promise<JWTVerifyGetKey>;
}

/** IAM's quota of OIDC providers per account (reference_iam-quotas.html): a JWKS cache per provider fits. */
const MAX_CACHED_PROVIDERS = 100;

/**
 * Keys of issuers outside eksid, fetched the way STS does: `<iss>/.well-known/openid-configuration`,
 * then its `jwks_uri`. One discovery fetch and one jose remote JWKS (with its own cache and
 * cooldown) per registered provider, so the cache holds at most one entry per provider however
 * many spellings of an issuer tokens carry (the caller matched `iss` exactly first); a failed
 * discovery is not cached so the next call retries.
 *
 * Every failure to get a key, whether the IdP answers wrongly (404, 500, no jwks_uri, bad
 * JSON), cannot be reached (refused, DNS, timed out) or is a URL eksid will not fetch, gets
 * the same InvalidIdentityToken "Couldn't retrieve verification key ...": real STS answers an
 * unreachable or slow (> 5 s) IdP with it too (AWS knowledge center iam-sts-invalididentitytoken,
 * awslabs/aws-sdk-rust#827), and one answer for all means STS cannot be used to tell open
 * ports from closed ones. The cause stays in the decision trace.
 */
export class RemoteKeyResolver {
  private readonly timeoutMs: number;
  private readonly cooldownMs: number;
  private readonly cacheMaxAgeMs: number;
  private readonly providers = new Map<string, ProviderKeys>();

  constructor(options: RemoteKeyOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.cacheMaxAgeMs = options.cacheMaxAgeMs ?? 600_000;
  }

  /** How many providers' keys are cached now. */
  get size(): number {
    return this.providers.size;
  }

  /**
   * The key resolver for `provider` (its ARN) whose issuer is `issuer`; `fetchable` says whether
   * eksid may fetch a URL (the discovery document's and the jwks_uri's).
   */
  resolver(provider: string, issuer: string, fetchable: (url: string) => boolean): JWTVerifyGetKey {
    return async (header, token) => {
      const set = await this.keySet(provider, issuer, fetchable);
      try {
        return await set(header, token);
      } catch (e) {
        if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) throw unknownKid(header.kid, issuer);
        throw keysFailure(`JWKS of ${issuer} could not be fetched: ${(e as Error).message}`);
      }
    };
  }

  private keySet(provider: string, issuer: string, fetchable: (url: string) => boolean): Promise<JWTVerifyGetKey> {
    const cached = this.providers.get(provider);
    if (cached?.issuer === issuer) return cached.set;
    const set = this.discover(issuer, fetchable);
    this.providers.delete(provider);
    if (this.providers.size >= MAX_CACHED_PROVIDERS) this.providers.delete(this.providers.keys().next().value as string);
    const entry = { issuer, set };
    this.providers.set(provider, entry);
    set.catch(() => {
      if (this.providers.get(provider) === entry) this.providers.delete(provider);
    });
    return set;
  }

  private async discover(issuer: string, fetchable: (url: string) => boolean): Promise<JWTVerifyGetKey> {
    const url = `${issuer.replace(/\/+$/, '')}${DISCOVERY_PATH}`;
    if (!fetchable(url)) throw keysFailure(`${url} is not a URL eksid fetches (https, or http on loopback unless --allow-http-issuers)`);
    let body: unknown;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' }, redirect: 'error' });
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new Error(`HTTP ${response.status}`);
      }
      body = await response.json();
    } catch (e) {
      throw keysFailure(`GET ${url} failed: ${(e as Error).message}`);
    }
    const jwksUri = (body as { jwks_uri?: unknown } | null)?.jwks_uri;
    if (typeof jwksUri !== 'string' || !URL.canParse(jwksUri)) {
      throw keysFailure(`${url} has no valid jwks_uri`);
    }
    if (!fetchable(jwksUri)) throw keysFailure(`jwks_uri ${jwksUri} of ${url} is not a URL eksid fetches (https, or http on loopback unless --allow-http-issuers)`);
    return createRemoteJWKSet(new URL(jwksUri), {
      timeoutDuration: this.timeoutMs,
      cooldownDuration: this.cooldownMs,
      cacheMaxAge: this.cacheMaxAgeMs,
    });
  }
}
