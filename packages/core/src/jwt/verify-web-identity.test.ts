import { createSign } from 'node:crypto';
import { SignJWT, generateKeyPair, importPKCS8 } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportClusterKey, rotateClusterKey } from '../keys/index.js';
import { STS_MESSAGES, TokenRejectedError, mintServiceAccountToken, verifyWebIdentityToken } from './index.js';
import type { MintRequest, TokenCheck } from './index.js';
import { makeWorld } from './test-support.js';
import type { World } from './test-support.js';

const DAY = 86_400;
const NOW = Date.parse('2026-01-01T00:00:00Z') / 1000;
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('verifyWebIdentityToken', () => {
  let w: World;
  beforeEach(() => {
    w = makeWorld();
  });
  afterEach(() => w.store.close());

  const mint = (overrides: Partial<MintRequest> = {}) =>
    mintServiceAccountToken(w.store, w.deps, w.config, {
      clusterName: 'dev',
      namespace: 'default',
      serviceAccount: 'app',
      audiences: ['sts.amazonaws.com'],
      expirationSeconds: DAY,
      ...overrides,
    });
  const claims = (overrides: Record<string, unknown> = {}) => ({
    aud: ['sts.amazonaws.com'], exp: NOW + DAY, iat: NOW, iss: w.issuer, nbf: NOW, sub: 'system:serviceaccount:default:app', ...overrides,
  });

  /** The rejection, asserted to carry exactly this check, AWS code and message. */
  async function rejected(token: string, check: TokenCheck, code: string, message: string): Promise<TokenRejectedError> {
    const error = await verifyWebIdentityToken(w.store, w.deps, w.config, token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRejectedError);
    const rejection = error as TokenRejectedError;
    expect({ check: rejection.check, code: rejection.awsError.code, status: rejection.awsError.status, message: rejection.awsError.message }).toEqual({
      check,
      code,
      status: 400,
      message,
    });
    return rejection;
  }

  it('should accept a token whose aud is any of several, returning the matching one', async () => {
    const result = await verifyWebIdentityToken(w.store, w.deps, w.config, await mint({ audiences: ['other', 'sts.amazonaws.com'] }));
    expect(result.audience).toBe('sts.amazonaws.com');
    expect(result.claims.sub).toBe('system:serviceaccount:default:app');
  });

  it.each([
    ['garbage', 'not a jwt', 'token has 1 dot-separated parts, a JWS has 3'],
    ['two parts', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0', 'token has 2 dot-separated parts, a JWS has 3'],
    ['an empty payload', 'eyJhbGciOiJSUzI1NiJ9..c2ln', 'a token part is empty or not base64url'],
    ['a header that is not JSON', `${b64('nope')}.${b64({ sub: 'x' })}.c2ln`, 'header is not base64url JSON'],
    ['a payload that is an array', `${b64({ alg: 'RS256' })}.${b64([1])}.c2ln`, 'payload is not a JSON object'],
    ['a huge token', `${b64({ alg: 'RS256' })}.${'A'.repeat(20_001)}.c2ln`, 'token is 20027 chars; STS accepts at most 20000'],
  ])('should refuse %s as not a JWT', async (_name, token, detail) => {
    const rejection = await rejected(token, 'parse', 'InvalidIdentityToken', STS_MESSAGES.notAJwt);
    expect(rejection.detail).toBe(detail);
  });

  it('should refuse a truncated token (signature cut short)', async () => {
    const token = await mint();
    await rejected(token.slice(0, -10), 'signature', 'InvalidIdentityToken', STS_MESSAGES.invalid);
  });

  it('should refuse alg none, even with a kid the cluster publishes', async () => {
    const { kid } = await exportClusterKey(w.store, w.deps, 'dev');
    const token = `${b64({ alg: 'none', kid })}.${b64(claims())}.`;
    const rejection = await rejected(token, 'alg', 'InvalidIdentityToken', STS_MESSAGES.invalid);
    expect(rejection.detail).toBe('alg "none" is not one of RS256, RS384, RS512, ES256, ES384, ES512');
  });

  it.each([[['foo']], [[]], ['b64']])('should refuse crit %j, signed by the cluster key (RFC 7515 §4.1.11)', async (crit) => {
    const { kid, privateKeyPem } = await exportClusterKey(w.store, w.deps, 'dev');
    // jose refuses to sign such headers, so the JWS is put together by hand.
    const input = `${b64({ alg: 'RS256', kid, crit, foo: 1 })}.${b64(claims())}`;
    const token = `${input}.${createSign('RSA-SHA256').update(input).sign(privateKeyPem).toString('base64url')}`;
    const rejection = await rejected(token, 'crit', 'InvalidIdentityToken', STS_MESSAGES.invalid);
    expect(rejection.detail).toBe(`crit ${JSON.stringify(crit)} names header extensions eksid does not understand (RFC 7515 §4.1.11)`);
  });

  it('should refuse a signed header nesting JSON deeper than 500 levels as not a JWT, without overflowing the stack', async () => {
    const { kid, privateKeyPem } = await exportClusterKey(w.store, w.deps, 'dev');
    const crit = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const input = `${b64(`{"alg":"RS256","kid":${JSON.stringify(kid)},"crit":${crit}}`)}.${b64(claims())}`;
    const token = `${input}.${createSign('RSA-SHA256').update(input).sign(privateKeyPem).toString('base64url')}`;
    const rejection = await rejected(token, 'parse', 'InvalidIdentityToken', STS_MESSAGES.notAJwt);
    expect(rejection.detail).toBe('header nests JSON deeper than 500 levels');
  });

  it('should refuse HS256 keyed with the public key bytes (algorithm confusion)', async () => {
    const { kid, publicKeyPem } = await exportClusterKey(w.store, w.deps, 'dev');
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid }).sign(new TextEncoder().encode(publicKeyPem));
    await rejected(token, 'alg', 'InvalidIdentityToken', STS_MESSAGES.invalid);
  });

  it('should refuse a tampered payload', async () => {
    const [header, , signature] = (await mint()).split('.');
    const token = `${header}.${b64(claims({ sub: 'system:serviceaccount:kube-system:admin' }))}.${signature}`;
    const rejection = await rejected(token, 'signature', 'InvalidIdentityToken', STS_MESSAGES.invalid);
    expect(rejection.detail).toMatch(/^signature does not verify with key "[\w-]{43}" of http:\/\/127\.0\.0\.1:4599\/id\//);
  });

  it('should keep checking the signature of tokens that differ from one it accepted', async () => {
    const token = await mint();
    await expect(verifyWebIdentityToken(w.store, w.deps, w.config, token)).resolves.toBeDefined();
    await expect(verifyWebIdentityToken(w.store, w.deps, w.config, token)).resolves.toBeDefined();
    await rejected(`${token.slice(0, -4)}AAAA`, 'signature', 'InvalidIdentityToken', STS_MESSAGES.invalid);
    const [header, , signature] = token.split('.');
    await rejected(`${header}.${b64(claims({ sub: 'system:serviceaccount:kube-system:admin' }))}.${signature}`, 'signature', 'InvalidIdentityToken', STS_MESSAGES.invalid);
  });

  it('should refuse a kid the cluster does not publish', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: 'forged' }).sign(privateKey);
    const rejection = await rejected(token, 'signature', 'InvalidIdentityToken', STS_MESSAGES.noKey);
    expect(rejection.detail).toBe('kid "forged" is not in the JWKS of cluster dev');
  });

  it('should refuse a foreign key that reuses the cluster kid', async () => {
    const { kid } = await exportClusterKey(w.store, w.deps, 'dev');
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
    await rejected(token, 'signature', 'InvalidIdentityToken', STS_MESSAGES.invalid);
  });

  it('should answer ExpiredTokenException from exp on, with STS wording', async () => {
    const token = await mint({ expirationSeconds: 600 });
    w.clock.advance(599);
    await expect(verifyWebIdentityToken(w.store, w.deps, w.config, token)).resolves.toBeDefined();
    w.clock.advance(1);
    const rejection = await rejected(token, 'exp', 'ExpiredTokenException', `Token expired: current date/time ${NOW + 600} must be before the expiration date/time ${NOW + 600}`);
    expect(rejection.detail).toBe('exp 2026-01-01T00:10:00.000Z is not after now 2026-01-01T00:10:00.000Z');
  });

  it('should tolerate nbf/iat up to 60 s ahead, not more', async () => {
    const token = await mint();
    w.clock.advance(-60);
    await expect(verifyWebIdentityToken(w.store, w.deps, w.config, token)).resolves.toBeDefined();
    w.clock.advance(-1);
    const rejection = await rejected(token, 'nbf', 'InvalidIdentityToken', STS_MESSAGES.invalid);
    expect(rejection.detail).toBe('nbf 2026-01-01T00:00:00.000Z is more than 60s after now 2025-12-31T23:58:59.000Z');
  });

  it('should refuse an audience that is not a client id', async () => {
    const rejection = await rejected(await mint({ audiences: ['sts'] }), 'aud', 'InvalidIdentityToken', 'Incorrect token audience');
    expect(rejection.detail).toBe('aud ["sts"] not in client ids ["sts.amazonaws.com"]');
  });

  it('should refuse an issuer with no OIDC provider in the account', async () => {
    w.store.oidcProviders.delete(`arn:aws:iam::000000000000:oidc-provider/${w.issuer.replace('http://', '')}`);
    const rejection = await rejected(await mint(), 'issuer', 'InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${w.issuer}`);
    expect(rejection.detail).toBe(`no OIDC provider with url ${w.issuer.replace('http://', '')} in account 000000000000`);
  });

  it('should check in order: alg before issuer, issuer before keys, signature before exp, exp before aud', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT(claims({ exp: NOW - 1, aud: 'x' })).setProtectedHeader({ alg: 'RS256', kid: 'k' }).sign(privateKey);
    await rejected(foreign, 'signature', 'InvalidIdentityToken', STS_MESSAGES.noKey);
    const unsigned = `${b64({ alg: 'none' })}.${b64(claims({ iss: 'https://unknown.example' }))}.`;
    await rejected(unsigned, 'alg', 'InvalidIdentityToken', STS_MESSAGES.invalid);
    const expiredWrongAud = await mint({ audiences: ['x'], expirationSeconds: 600 });
    w.clock.advance(601);
    await rejected(expiredWrongAud, 'exp', 'ExpiredTokenException', `Token expired: current date/time ${NOW + 601} must be before the expiration date/time ${NOW + 600}`);
  });

  it('should keep verifying a rotated-out key until its publish window ends', async () => {
    const oldToken = await mint({ expirationSeconds: 2 * DAY });
    await rotateClusterKey(w.store, w.deps, 'dev', { maxTokenLifetimeSeconds: DAY });
    const newToken = await mint();
    w.clock.advance(DAY - 1);
    await expect(verifyWebIdentityToken(w.store, w.deps, w.config, oldToken)).resolves.toBeDefined();
    w.clock.advance(1);
    await rejected(oldToken, 'signature', 'InvalidIdentityToken', STS_MESSAGES.noKey);
    w.clock.advance(-1);
    await expect(verifyWebIdentityToken(w.store, w.deps, w.config, newToken)).resolves.toBeDefined();
  });

  it('should refuse missing sub/aud/exp and odd nbf/iat values signed by the cluster key', async () => {
    const { kid, privateKeyPem } = await exportClusterKey(w.store, w.deps, 'dev');
    const key = await importPKCS8(privateKeyPem, 'RS256');
    const sign = (payload: Record<string, unknown>) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
    await expect(verifyWebIdentityToken(w.store, w.deps, w.config, await sign(claims()))).resolves.toBeDefined();
    await rejected(await sign(claims({ sub: undefined })), 'parse', 'InvalidIdentityToken', 'Missing a required claim: sub');
    await rejected(await sign(claims({ aud: undefined })), 'aud', 'InvalidIdentityToken', 'Missing a required claim: aud');
    await rejected(await sign(claims({ exp: undefined })), 'claims', 'InvalidIdentityToken', 'Missing a required claim: exp');
    const farFuture = await rejected(await sign(claims({ nbf: 1e300 })), 'claims', 'InvalidIdentityToken', STS_MESSAGES.invalid);
    expect(farFuture.detail).toBe('nbf 1e+300 is outside the NumericDate range ±8640000000000');
    const farExp = await rejected(await sign(claims({ exp: 8.64e12 + 1 })), 'claims', 'InvalidIdentityToken', STS_MESSAGES.invalid);
    expect(farExp.detail).toBe('exp 8640000000001 is outside the NumericDate range ±8640000000000');
    await expect(verifyWebIdentityToken(w.store, w.deps, w.config, await sign(claims({ exp: 8.64e12 })))).resolves.toBeDefined();
    await rejected(await sign(claims({ nbf: 'soon' })), 'claims', 'InvalidIdentityToken', STS_MESSAGES.invalid);
    const futureIat = await rejected(await sign(claims({ nbf: undefined, iat: NOW + 61 })), 'nbf', 'InvalidIdentityToken', STS_MESSAGES.invalid);
    expect(futureIat.detail).toBe('iat 2026-01-01T00:01:01.000Z is more than 60s after now 2026-01-01T00:00:00.000Z');
  });
});
