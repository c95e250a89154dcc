import { SignJWT, generateKeyPair } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportClusterKey } from '../keys/index.js';
import { ClusterNotFoundError } from '../eks/errors.js';
import { ClusterTokenError, mintServiceAccountToken, verifyClusterToken } from './index.js';
import type { ClusterTokenReason, MintRequest } from './index.js';
import { parsedIfVerified } from './own-signature.js';
import { makeWorld } from './test-support.js';
import type { World } from './test-support.js';

const AUDIENCE = 'pods.eks.amazonaws.com';

describe('verifyClusterToken', () => {
  let w: World;
  beforeEach(() => {
    w = makeWorld();
    w.store.clusters.insert({ accountId: w.config.accountId, name: 'prod', arn: 'arn:aws:eks:us-east-1:000000000000:cluster/prod', oidcId: 'B'.repeat(32), createdAt: w.clock.now(), spec: {} });
  });
  afterEach(() => w.store.close());

  const mint = (overrides: Partial<MintRequest> = {}) =>
    mintServiceAccountToken(w.store, w.deps, w.config, {
      clusterName: 'dev', namespace: 'default', serviceAccount: 'app', audiences: [AUDIENCE], expirationSeconds: 86_400, ...overrides,
    });
  const verify = (token: string, cluster = 'dev') => verifyClusterToken(w.store, w.deps, w.config, cluster, token, { audience: AUDIENCE });

  async function reason(token: string, cluster = 'dev'): Promise<[ClusterTokenReason, string]> {
    const error = await verify(token, cluster).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterTokenError);
    return [(error as ClusterTokenError).reason, (error as ClusterTokenError).detail];
  }

  it('should return the claims of a token the cluster signed for the audience', async () => {
    const claims = await verify(await mint({ pod: { name: 'p', uid: 'u' } }));
    expect(claims.sub).toBe('system:serviceaccount:default:app');
    expect(claims['kubernetes.io']).toMatchObject({ pod: { name: 'p', uid: 'u' } });
  });

  it('should decode a token once its signature held, handing every later call the same frozen claims', async () => {
    const token = await mint({ pod: { name: 'p', uid: 'u' } });
    expect(parsedIfVerified(token)).toBeUndefined();
    const first = await verify(token);
    const again = await verify(token);
    expect(again).toBe(first);
    expect(parsedIfVerified(token)?.payload).toBe(first);
    expect([Object.isFrozen(first), Object.isFrozen(first['kubernetes.io'])]).toEqual([true, true]);
  });

  it('should still check the times of a token whose parse it kept', async () => {
    const token = await mint({ expirationSeconds: 600 });
    await verify(token);
    w.clock.advance(600);
    expect((await reason(token))[0]).toBe('expired');
  });

  it('should give reason "audience" for another audience', async () => {
    expect(await reason(await mint({ audiences: ['sts.amazonaws.com'] }))).toEqual(['audience', 'aud ["sts.amazonaws.com"] not in expected audience ["pods.eks.amazonaws.com"]']);
  });

  it('should give reason "expired" once exp passes', async () => {
    const token = await mint({ expirationSeconds: 600 });
    w.clock.advance(600);
    expect((await reason(token))[0]).toBe('expired');
  });

  it('should give reason "not-yet-valid" for a token from the future', async () => {
    const token = await mint();
    w.clock.advance(-61);
    expect((await reason(token))[0]).toBe('not-yet-valid');
  });

  it.each(['garbage', 'a.b.c', ''])('should give reason "malformed" for %j', async (token) => {
    expect((await reason(token))[0]).toBe('malformed');
  });

  it('should give reason "issuer" for another cluster\'s token', async () => {
    const [why, detail] = await reason(await mint({ clusterName: 'prod' }));
    expect(why).toBe('issuer');
    expect(detail).toBe(`iss "http://127.0.0.1:4599/id/${'B'.repeat(32)}" is not ${w.issuer}`);
  });

  it('should give reason "signature" for a forged token carrying the cluster kid', async () => {
    const { kid } = await exportClusterKey(w.store, w.deps, 'dev');
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(w.clock.now().getTime() / 1000);
    const forged = await new SignJWT({ aud: [AUDIENCE], exp: now + 600, iat: now, iss: w.issuer, sub: 'x' }).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
    expect((await reason(forged))[0]).toBe('signature');
  });

  it('should throw ClusterNotFoundError for an unknown cluster', async () => {
    await expect(verify(await mint(), 'nope')).rejects.toThrow(ClusterNotFoundError);
  });
});
