import { describe, expect, it } from 'vitest';
import { ServiceAccountCache } from './service-account-cache.js';

const ROLE = { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::000000000000:role/r' };

describe('ServiceAccountCache', () => {
  it('answers a hit without looking anything up', async () => {
    const cache = new ServiceAccountCache({ lookupTimeoutMs: 1000, fetchDirect: () => Promise.reject(new Error('unused')) });
    cache.set('ns', 'sa', ROLE);
    await expect(cache.get('ns', 'sa')).resolves.toEqual(ROLE);
  });

  it('caches what a direct lookup found', async () => {
    const calls: string[] = [];
    const cache = new ServiceAccountCache({
      lookupTimeoutMs: 1000,
      fetchDirect: (namespace, name) => { calls.push(`${namespace}/${name}`); return Promise.resolve(ROLE); },
    });
    await expect(cache.get('ns', 'sa')).resolves.toEqual(ROLE);
    await expect(cache.get('ns', 'sa')).resolves.toEqual(ROLE);
    expect(calls).toEqual(['ns/sa']);
    expect(cache.size).toBe(1);
  });

  it('lets the informer answer a miss while the direct lookup is failing', async () => {
    const cache = new ServiceAccountCache({ lookupTimeoutMs: 5000, fetchDirect: () => Promise.reject(new Error('API down')) });
    const pending = cache.get('ns', 'sa');
    setTimeout(() => cache.set('ns', 'sa', ROLE), 10);
    await expect(pending).resolves.toEqual(ROLE);
  });

  it('gives up after the timeout when neither source knows the service account', async () => {
    const cache = new ServiceAccountCache({ lookupTimeoutMs: 30, fetchDirect: () => new Promise(() => undefined) });
    await expect(cache.get('ns', 'sa')).resolves.toBeUndefined();
  });

  it('forgets deleted service accounts and keys namespace and name apart', async () => {
    const cache = new ServiceAccountCache({ lookupTimeoutMs: 0 });
    cache.set('a', 'b/c', ROLE);
    expect(cache.peek('a/b', 'c')).toBeUndefined();
    cache.delete('a', 'b/c');
    await expect(cache.get('a', 'b/c')).resolves.toBeUndefined();
  });
});
