import type { Clock } from '../clock.js';
import type { Logger } from '@eksid/core/log';
import { apiErrorCode, isIrrecoverable } from './eks-auth-errors.js';
import { ExpiringLru } from './lru.js';
import type { PodCredentials } from './model.js';
import { TokenBucket } from './token-bucket.js';

/**
 * The agent's credential cache (internal/credsretriever/refreshing_cache.go at v0.1.37):
 * keyed by the whole service-account token; an entry lives until the credentials expire and
 * is renewed in the background with the original token at min(TTL, renewal TTL). While
 * EKS Auth is down it keeps serving credentials that are still valid.
 */
/** `log` carries the caller's fields (client-addr, cluster-name) into EKS Auth call logs. */
export type FetchCredentials = (token: string, log?: Logger) => Promise<PodCredentials>;

export interface CacheObserver {
  state(state: 'hit' | 'miss' | 'evicted' | 'refreshed'): void;
  error(type: 'Recoverable' | 'NonRecoverable', code: string): void;
}

/**
 * Where served credentials came from: the cache, an EKS Auth call this request made, or one
 * another request with the same token had in flight.
 */
export type CredentialSource = 'cache' | 'eks-auth' | 'eks-auth-shared';

export interface ServedCredentials {
  creds: PodCredentials;
  from: CredentialSource;
  /** Epoch ms the cache entry lasts until (the credentials' expiry); undefined when not cached. */
  cachedUntil: number | undefined;
}

export interface CredentialRetriever {
  get(token: string, log?: Logger): Promise<ServedCredentials>;
  /** One janitor pass: evict expired entries, renew those due. Runs every minute by itself. */
  sweep(): Promise<void>;
  readonly size: number;
  close(): void;
}

export interface RefreshingCacheOptions {
  fetch: FetchCredentials;
  clock: Clock;
  /** --max-credential-retention-before-renewal (3h). */
  renewalTtlMs: number;
  /** --max-cache-size (2000). */
  maxSize: number;
  /** --max-service-qps (3): background renewals per second. */
  refreshQps: number;
  logger: Logger;
  observer: CacheObserver;
}

// Constants of refreshing_cache.go.
const MIN_CREDENTIAL_TTL_MS = 15_000;
const CLEANUP_INTERVAL_MS = 60_000;
const RETRY_INTERVAL_MS = 60_000;
const MAX_RETRY_JITTER_MS = 60_000;

export function createRefreshingCache(options: RefreshingCacheOptions): CredentialRetriever {
  const { clock, logger, observer } = options;
  const lru = new ExpiringLru<{ creds: PodCredentials }>(options.maxSize, () => clock.now());
  const inFlight = new Map<string, Promise<PodCredentials>>();
  const served = (creds: PodCredentials, from: CredentialSource): ServedCredentials => ({ creds, from, cachedUntil: creds.expiration });
  const limiter = new TokenBucket(options.refreshQps, options.refreshQps, () => clock.now());

  async function fetchAndStore(token: string, log: Logger): Promise<PodCredentials> {
    let creds: PodCredentials;
    try {
      creds = await options.fetch(token, log);
    } catch (err) {
      throw new Error(`error getting credentials to cache: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const left = creds.expiration - clock.now();
    if (left <= MIN_CREDENTIAL_TTL_MS) {
      throw new Error(`fetched credentials are expired or will expire within the next ${(left / 1000).toFixed(2)} seconds`);
    }
    const now = clock.now();
    lru.set(token, { value: { creds }, refreshAt: now + Math.min(left, options.renewalTtlMs), expireAt: creds.expiration });
    return creds;
  }

  async function renew(token: string, creds: PodCredentials): Promise<void> {
    const log = logger.child({ from: 'renewal-thread', fetched_role_arn: creds.roleArn });
    if (limiter.allow()) {
      try {
        await fetchAndStore(token, log);
        observer.state('refreshed');
        return;
      } catch (err) {
        const code = apiErrorCode(err) ?? '';
        if (isIrrecoverable(err)) {
          // The association or token is gone: serving on would hide that from the pod.
          log.info(`Removing credentials from cache, got non recoverable error: ${(err as Error).message}`);
          observer.error('NonRecoverable', code);
          lru.delete(token);
          return;
        }
        observer.error('Recoverable', code);
        log.info(`Background refresh failed, keeping existing credentials: ${(err as Error).message}`);
      }
    } else {
      log.info('Background refresh rate limited: keeping credentials locally');
    }
    const left = creds.expiration - clock.now();
    if (left <= MIN_CREDENTIAL_TTL_MS) {
      lru.delete(token);
      observer.state('evicted');
      return;
    }
    const retryIn = RETRY_INTERVAL_MS + Math.floor(clock.random() * MAX_RETRY_JITTER_MS);
    lru.set(token, { value: { creds }, refreshAt: clock.now() + Math.min(left, retryIn), expireAt: creds.expiration });
  }

  const cancelJanitor = clock.every(CLEANUP_INTERVAL_MS, () => {
    sweep().catch((err: unknown) => logger.error(`Cache janitor failed: ${String(err)}`));
  });

  // expiring/cache.go RefreshOrEvictExpired: renew what is due first, then drop what expired.
  async function sweep(): Promise<void> {
    const now = clock.now();
    const due = lru.entries().filter(([token, e]) => now > e.refreshAt && !inFlight.has(token));
    await Promise.all(due.map(([token, e]) => renew(token, e.value.creds)));
    for (const [token, entry] of lru.entries()) {
      if (now > entry.expireAt) {
        lru.delete(token);
        observer.state('evicted');
      }
    }
  }

  return {
    async get(token, log = logger) {
      const entry = lru.get(token);
      if (entry !== undefined) {
        if (entry.value.creds.expiration - clock.now() > MIN_CREDENTIAL_TTL_MS) {
          observer.state('hit');
          return served(entry.value.creds, 'cache');
        }
        log.info('Identified that entry in cache contains credentials with small ttl or invalid ttl, will be deleted');
        lru.delete(token);
      }
      // Callers with the same token share one EKS Auth call (the real agent polls for it).
      const pending = inFlight.get(token);
      if (pending !== undefined) return served(await pending, 'eks-auth-shared');
      observer.state('miss');
      const call = fetchAndStore(token, log).finally(() => inFlight.delete(token));
      inFlight.set(token, call);
      return served(await call, 'eks-auth');
    },
    sweep,
    get size() {
      return lru.size;
    },
    close: cancelJanitor,
  };
}
