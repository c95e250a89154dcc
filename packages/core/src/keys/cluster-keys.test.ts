import { createHash, createPrivateKey, createPublicKey, createSign, createVerify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock, systemRandom } from '../deps.js';
import type { Deps } from '../deps.js';
import { Store } from '../store/index.js';
import { clusterSigningKey, clusterVerificationKey, ensureClusterKey, exportClusterKey, jwksFor, rotateClusterKey } from './index.js';

const DAY = 86_400;

describe('cluster keys', () => {
  let store: Store;
  let clock: FixedClock;
  let deps: Deps;

  beforeEach(() => {
    store = Store.open(':memory:');
    clock = new FixedClock('2026-01-01T00:00:00Z');
    deps = { clock, random: systemRandom };
  });
  afterEach(() => store.close());

  it('should create one RS256 key per cluster and then keep returning it', async () => {
    const first = await ensureClusterKey(store, deps, 'dev');
    expect(await ensureClusterKey(store, deps, 'dev')).toEqual(first);
    expect(first.alg).toBe('RS256');
    expect((await ensureClusterKey(store, deps, 'prod')).kid).not.toBe(first.kid);
  });

  it('should create a single key when asked concurrently', async () => {
    const [a, b] = await Promise.all([ensureClusterKey(store, deps, 'dev'), ensureClusterKey(store, deps, 'dev')]);
    expect(a.kid).toBe(b.kid);
    expect(jwksFor(store, deps, 'dev').keys).toHaveLength(1);
  });

  it('should derive the kid as kube-apiserver does: base64url(sha256(SPKI DER))', async () => {
    const { kid, publicKeyPem } = await exportClusterKey(store, deps, 'dev');
    const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(kid).toBe(createHash('sha256').update(der).digest('base64url'));
    expect(kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('should export a PKCS#8 private key and its SPKI public key as PEM', async () => {
    const { privateKeyPem, publicKeyPem } = await exportClusterKey(store, deps, 'dev');
    expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const privateKey = createPrivateKey(privateKeyPem);
    expect(privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const signature = createSign('sha256').update('x').sign(privateKey);
    expect(createVerify('sha256').update('x').verify(publicKeyPem, signature)).toBe(true);
  });

  it('should publish public keys only, with kid, alg and use', async () => {
    const { kid } = await ensureClusterKey(store, deps, 'dev');
    const { keys } = jwksFor(store, deps, 'dev');
    expect(keys).toEqual([{ kty: 'RSA', kid, use: 'sig', alg: 'RS256', n: expect.any(String), e: 'AQAB' }]);
    expect(Object.keys(keys[0] ?? {})).toEqual(['kty', 'kid', 'use', 'alg', 'n', 'e']);
  });

  it('should keep a rotated-out key published for the max token lifetime, then drop it', async () => {
    const old = await ensureClusterKey(store, deps, 'dev');
    clock.advance(7 * DAY);
    const fresh = await rotateClusterKey(store, deps, 'dev', { maxTokenLifetimeSeconds: DAY });
    expect((await clusterSigningKey(store, deps, 'dev')).kid).toBe(fresh.kid);
    expect(jwksFor(store, deps, 'dev').keys.map((k) => k.kid)).toEqual([fresh.kid, old.kid]);

    clock.advance(DAY - 1);
    expect(clusterVerificationKey(store, deps, 'dev', old.kid)).toBeDefined();
    clock.advance(1);
    expect(jwksFor(store, deps, 'dev').keys.map((k) => k.kid)).toEqual([fresh.kid]);
    expect(clusterVerificationKey(store, deps, 'dev', old.kid)).toBeUndefined();

    await rotateClusterKey(store, deps, 'dev', { maxTokenLifetimeSeconds: DAY });
    const kept = store.db.prepare('SELECT kid FROM signing_keys').all() as { kid: string }[];
    expect(kept.map((r) => r.kid)).not.toContain(old.kid);
  });

  it('should create the first key when rotating a cluster that has none', async () => {
    const fresh = await rotateClusterKey(store, deps, 'dev', { maxTokenLifetimeSeconds: DAY });
    expect(jwksFor(store, deps, 'dev').keys.map((k) => k.kid)).toEqual([fresh.kid]);
  });

  it.each([-1, 1.5, Number.NaN])('should reject maxTokenLifetimeSeconds %s as a caller bug', async (bad) => {
    await expect(rotateClusterKey(store, deps, 'dev', { maxTokenLifetimeSeconds: bad })).rejects.toThrow(TypeError);
  });

  it('should hand out the same parsed signing key for a kid', async () => {
    const a = await clusterSigningKey(store, deps, 'dev');
    const b = await clusterSigningKey(store, deps, 'dev');
    expect(b.key).toBe(a.key);
    expect(a.key.type).toBe('private');
  });

  it('should not know a kid the cluster never published', async () => {
    await ensureClusterKey(store, deps, 'dev');
    expect(clusterVerificationKey(store, deps, 'dev', 'nope')).toBeUndefined();
    expect(jwksFor(store, deps, 'other').keys).toEqual([]);
  });
});
