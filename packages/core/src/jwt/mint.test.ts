import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jwksFor } from '../keys/index.js';
import { ClusterNotFoundError } from '../eks/errors.js';
import { mintServiceAccountToken, verifyWebIdentityToken } from './index.js';
import type { MintRequest } from './index.js';
import { makeWorld } from './test-support.js';
import type { World } from './test-support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const request: MintRequest = {
  clusterName: 'dev',
  namespace: 'default',
  serviceAccount: 'my-s3-sa',
  audiences: ['sts.amazonaws.com'],
  expirationSeconds: 86_400,
};

const decodedPart = (token: string, i: number) => Buffer.from(token.split('.')[i] ?? '', 'base64url').toString('utf8');

describe('mintServiceAccountToken', () => {
  let w: World;
  beforeEach(() => {
    w = makeWorld();
  });
  afterEach(() => w.store.close());

  const mint = (overrides: Partial<MintRequest> = {}) => mintServiceAccountToken(w.store, w.deps, w.config, { ...request, ...overrides });

  it('should mint a token STS accepts (round trip)', async () => {
    const token = await mint();
    const result = await verifyWebIdentityToken(w.store, w.deps, w.config, token);
    expect(result.audience).toBe('sts.amazonaws.com');
    expect(result.subject).toBe('system:serviceaccount:default:my-s3-sa');
    expect(result.issuerHostPath).toBe(w.issuer.replace('http://', ''));
    expect(result.provider.clientIds).toEqual(['sts.amazonaws.com']);
  });

  it('should shape header and claims like a projected EKS token, in kube-apiserver order', async () => {
    const token = await mint({ pod: { name: 'aws-cli', uid: 'e623ce8b-38a2-416d-a839-9fe7d33a04eb' } });
    const kid = jwksFor(w.store, w.deps, 'dev').keys[0]?.kid;
    expect(decodedPart(token, 0)).toBe(JSON.stringify({ alg: 'RS256', kid }));
    const claims = decodeJwt(token);
    const iat = Date.parse('2026-01-01T00:00:00Z') / 1000;
    const saUid = w.store.serviceAccounts.get('dev', 'default', 'my-s3-sa')?.uid;
    expect(Object.keys(claims)).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
    expect(claims).toEqual({
      aud: ['sts.amazonaws.com'],
      exp: iat + 86_400,
      iat,
      iss: w.issuer,
      jti: expect.stringMatching(UUID),
      'kubernetes.io': {
        namespace: 'default',
        pod: { name: 'aws-cli', uid: 'e623ce8b-38a2-416d-a839-9fe7d33a04eb' },
        serviceaccount: { name: 'my-s3-sa', uid: saUid },
      },
      nbf: iat,
      sub: 'system:serviceaccount:default:my-s3-sa',
    });
    expect(Object.keys(claims['kubernetes.io'] as object)).toEqual(['namespace', 'pod', 'serviceaccount']);
  });

  it('should leave out kubernetes.io.pod when no pod is given and keep aud an array', async () => {
    const claims = decodeJwt(await mint({ audiences: ['pods.eks.amazonaws.com'] }));
    expect(claims['kubernetes.io']).toEqual({ namespace: 'default', serviceaccount: { name: 'my-s3-sa', uid: expect.stringMatching(UUID) } });
    expect(claims.aud).toEqual(['pods.eks.amazonaws.com']);
  });

  it('should give each token its own jti and keep the service account uid', async () => {
    const a = decodeJwt(await mint());
    const b = decodeJwt(await mint());
    expect(a.jti).not.toBe(b.jti);
    expect(a['kubernetes.io']).toEqual(b['kubernetes.io']);
  });

  it('should use an existing service account uid and leave its annotations alone', async () => {
    const annotations = { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::000000000000:role/r' };
    w.store.serviceAccounts.upsert({ clusterName: 'dev', namespace: 'default', name: 'my-s3-sa', uid: '11f5aa20-021b-42b9-b47f-9e405ea7d932', annotations });
    const claims = decodeJwt(await mint());
    expect(claims['kubernetes.io']).toMatchObject({ serviceaccount: { uid: '11f5aa20-021b-42b9-b47f-9e405ea7d932' } });
    expect(w.store.serviceAccounts.get('dev', 'default', 'my-s3-sa')?.annotations).toEqual(annotations);
  });

  it('should sign with the key the JWKS publishes', async () => {
    const { kid } = decodeProtectedHeader(await mint());
    expect(jwksFor(w.store, w.deps, 'dev').keys.map((k) => k.kid)).toEqual([kid]);
  });

  it('should answer EKS ResourceNotFoundException for an unknown cluster', async () => {
    const error = await mint({ clusterName: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterNotFoundError);
    expect(error).toMatchObject({ code: 'ResourceNotFoundException', status: 404, message: 'No cluster found for name: nope.' });
  });

  it.each([
    [599, 'expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes'],
    [2 ** 32 + 1, 'expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds'],
    [600.5, 'expirationSeconds: Invalid value: 600.5: must be an integer'],
  ])('should refuse expirationSeconds %s as kube-apiserver does', async (expirationSeconds, message) => {
    await expect(mint({ expirationSeconds })).rejects.toThrow(new TypeError(message));
  });

  it.each([600, 2 ** 32])('should accept expirationSeconds %s', async (expirationSeconds) => {
    const claims = decodeJwt(await mint({ expirationSeconds }));
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(expirationSeconds);
  });

  it.each([
    [{ audiences: [] }, 'audiences must be a non-empty array of non-empty strings'],
    [{ audiences: [''] }, 'audiences must be a non-empty array of non-empty strings'],
    [{ namespace: '' }, 'namespace and serviceAccount must be non-empty'],
  ])('should refuse %j as a caller bug', async (overrides, message) => {
    await expect(mint(overrides)).rejects.toThrow(new TypeError(message));
  });
});
