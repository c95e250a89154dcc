import { describe, expect, it } from 'vitest';
import { createLogger } from '@eksid/core/log';
import { manualClock } from '../testing/tokens.js';
import { EksAuthResponseError, faultOf } from './eks-auth-errors.js';
import type { PodCredentials } from './model.js';
import { createRefreshingCache } from './refreshing-cache.js';
import type { CacheObserver, FetchCredentials } from './refreshing-cache.js';

const HOUR = 3_600_000;
const quiet = await createLogger({ level: 'silent' });

function creds(expiration: number, accessKeyId = 'ASIA1'): PodCredentials {
  return { accessKeyId, secretAccessKey: 's', sessionToken: 't', accountId: '111122223333', expiration, roleArn: 'arn:aws:sts::111122223333:assumed-role/r/s', roleId: 'AROA:s', associationId: 'a-1' };
}

function apiError(code: string): Error {
  return new EksAuthResponseError(400, 'req', { code, message: 'm', fault: faultOf(code) }, code);
}

function setup(fetch: FetchCredentials, overrides: { maxSize?: number; refreshQps?: number } = {}) {
  const clock = manualClock();
  const events: string[] = [];
  const observer: CacheObserver = { state: (s) => void events.push(s), error: (t, c) => void events.push(`${t}:${c}`) };
  const cache = createRefreshingCache({ fetch, clock, renewalTtlMs: 3 * HOUR, maxSize: overrides.maxSize ?? 2000, refreshQps: overrides.refreshQps ?? 3, logger: quiet, observer });
  return { clock, cache, events };
}

/** A fetch whose answers the test queues; counts calls per token. */
function scriptedFetch() {
  const calls: string[] = [];
  const answers: Array<(token: string) => Promise<PodCredentials>> = [];
  const fetch: FetchCredentials = (token) => {
    calls.push(token);
    const next = answers.shift();
    if (next === undefined) throw new Error('unexpected fetch');
    return next(token);
  };
  return { fetch, calls, answers };
}

describe('createRefreshingCache', () => {
  it('calls EKS Auth once for repeated requests with the same token', async () => {
    const f = scriptedFetch();
    const { cache, clock, events } = setup(f.fetch);
    f.answers.push(async () => creds(clock.now() + 6 * HOUR));
    const first = await cache.get('tok');
    expect(first).toMatchObject({ from: 'eks-auth', cachedUntil: clock.now() + 6 * HOUR });
    expect(await cache.get('tok')).toEqual({ ...first, from: 'cache' });
    expect(f.calls).toEqual(['tok']);
    expect(events).toEqual(['miss', 'hit']);
  });

  it('shares one in-flight call between concurrent callers', async () => {
    const f = scriptedFetch();
    const { cache, clock } = setup(f.fetch);
    let release!: () => void;
    f.answers.push(() => new Promise((resolve) => { release = () => resolve(creds(clock.now() + 6 * HOUR)); }));
    const all = Promise.all([cache.get('tok'), cache.get('tok'), cache.get('tok')]);
    release();
    const results = await all;
    expect(new Set(results.map((r) => r.creds)).size).toBe(1);
    expect(results.map((r) => r.from)).toEqual(['eks-auth', 'eks-auth-shared', 'eks-auth-shared']);
    expect(f.calls).toHaveLength(1);
  });

  it('does not cache errors', async () => {
    const f = scriptedFetch();
    const { cache, clock } = setup(f.fetch);
    f.answers.push(async () => { throw apiError('ThrottlingException'); });
    f.answers.push(async () => creds(clock.now() + 6 * HOUR));
    await expect(cache.get('tok')).rejects.toThrow('error getting credentials to cache: ThrottlingException');
    await expect(cache.get('tok')).resolves.toMatchObject({ creds: { accessKeyId: 'ASIA1' } });
    expect(f.calls).toHaveLength(2);
  });

  it('refuses fresh credentials with 15s or less left', async () => {
    const f = scriptedFetch();
    const { cache, clock } = setup(f.fetch);
    f.answers.push(async () => creds(clock.now() + 15_000));
    await expect(cache.get('tok')).rejects.toThrow('fetched credentials are expired or will expire within the next 15.00 seconds');
    expect(cache.size).toBe(0);
  });

  it('refetches when a cached entry has 15s or less left', async () => {
    const f = scriptedFetch();
    const { cache, clock } = setup(f.fetch);
    f.answers.push(async () => creds(clock.now() + 60_000, 'OLD'));
    f.answers.push(async () => creds(clock.now() + 6 * HOUR, 'NEW'));
    await cache.get('tok');
    clock.advance(45_000);
    await expect(cache.get('tok')).resolves.toMatchObject({ creds: { accessKeyId: 'NEW' } });
  });

  it('renews in the background with the original token at min(TTL, 3h)', async () => {
    const f = scriptedFetch();
    const { cache, clock, events } = setup(f.fetch);
    f.answers.push(async () => creds(clock.now() + 6 * HOUR, 'OLD'));
    f.answers.push(async () => creds(clock.now() + 6 * HOUR, 'NEW'));
    await cache.get('tok');
    clock.advance(3 * HOUR);
    await cache.sweep();
    expect(f.calls).toEqual(['tok']);
    clock.advance(1);
    await cache.sweep();
    expect(f.calls).toEqual(['tok', 'tok']);
    await expect(cache.get('tok')).resolves.toMatchObject({ creds: { accessKeyId: 'NEW' } });
    expect(events).toContain('refreshed');
  });

  it.each(['AccessDeniedException', 'ExpiredTokenException', 'InvalidTokenException', 'ResourceNotFoundException'])(
    'evicts on a refresh failing with %s', async (code) => {
      const f = scriptedFetch();
      const { cache, clock, events } = setup(f.fetch);
      f.answers.push(async () => creds(clock.now() + 6 * HOUR));
      f.answers.push(async () => { throw apiError(code); });
      f.answers.push(async () => { throw apiError(code); });
      await cache.get('tok');
      clock.advance(3 * HOUR + 1);
      await cache.sweep();
      expect(cache.size).toBe(0);
      expect(events).toContain(`NonRecoverable:${code}`);
      await expect(cache.get('tok')).rejects.toThrow(code);
    },
  );

  it('keeps serving still-valid credentials while EKS Auth is down, and retries in 1-2m', async () => {
    const f = scriptedFetch();
    const { cache, clock, events } = setup(f.fetch);
    f.answers.push(async () => creds(clock.now() + 6 * HOUR, 'OLD'));
    f.answers.push(async () => { throw new EksAuthResponseError(0, '', undefined, 'request send failed'); });
    await cache.get('tok');
    clock.advance(3 * HOUR + 1);
    await cache.sweep();
    expect(events).toContain('Recoverable:');
    await expect(cache.get('tok')).resolves.toMatchObject({ creds: { accessKeyId: 'OLD' } });
    // random() is 0.5 → next try once 60s + 30s have passed.
    clock.advance(90_000);
    await cache.sweep();
    expect(f.calls).toHaveLength(2);
    f.answers.push(async () => creds(clock.now() + HOUR, 'NEW'));
    clock.advance(1_000);
    await cache.sweep();
    await expect(cache.get('tok')).resolves.toMatchObject({ creds: { accessKeyId: 'NEW' } });
  });

  it('evicts on expiry, and a miss while EKS Auth is down is an error', async () => {
    const f = scriptedFetch();
    const { cache, clock } = setup(f.fetch, { refreshQps: 0 });
    f.answers.push(async () => creds(clock.now() + HOUR));
    await cache.get('tok');
    clock.advance(HOUR + 1);
    await cache.sweep();
    expect(cache.size).toBe(0);
    f.answers.push(async () => { throw new Error('down'); });
    await expect(cache.get('tok')).rejects.toThrow('down');
  });

  it('holds at most maxSize tokens, dropping the least recently used', async () => {
    const f = scriptedFetch();
    const { cache, clock } = setup(f.fetch, { maxSize: 2 });
    for (let i = 0; i < 4; i++) f.answers.push(async (t) => creds(clock.now() + HOUR, t));
    await cache.get('a');
    await cache.get('b');
    await cache.get('a');
    await cache.get('c');
    expect(cache.size).toBe(2);
    await cache.get('a');
    expect(f.calls).toEqual(['a', 'b', 'c']);
    await cache.get('b');
    expect(f.calls).toEqual(['a', 'b', 'c', 'b']);
  });
});
