// A real IdP on 127.0.0.1 is the point of this test; core code itself stays HTTP-free
// (it only uses fetch through jose), so the import ban is lifted for this file alone.
// eslint-disable-next-line no-restricted-imports
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RemoteKeyResolver, STS_MESSAGES, TokenRejectedError, verifyWebIdentityToken } from './index.js';
import { makeWorld, registerProvider } from './test-support.js';
import type { World } from './test-support.js';

const NOW = Date.parse('2026-01-01T00:00:00Z') / 1000;

interface Idp {
  issuer: string;
  requests: string[];
  /** Per path: a JSON body, an HTTP status, or 'hang' to never answer. */
  routes: Map<string, unknown>;
  close(): Promise<void>;
}

async function startIdp(): Promise<Idp> {
  const routes = new Map<string, unknown>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = routes.get(req.url ?? '');
    if (route === 'hang') return;
    if (route === undefined || typeof route === 'number') {
      res.writeHead(typeof route === 'number' ? route : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(route));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    issuer: `http://127.0.0.1:${port}/tenant`,
    requests,
    routes,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('verifyWebIdentityToken against an external issuer', () => {
  let w: World;
  let idp: Idp;
  let signingKey: CryptoKey;
  const remoteKeys = () => new RemoteKeyResolver({ timeoutMs: 300 });

  beforeEach(async () => {
    w = makeWorld();
    idp = await startIdp();
    registerProvider(w, idp.issuer, ['my-app']);
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    idp.routes.set('/tenant/.well-known/openid-configuration', { issuer: idp.issuer, jwks_uri: `${idp.issuer}/jwks` });
    idp.routes.set('/tenant/jwks', { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] });
  });
  afterEach(async () => {
    await idp.close();
    w.store.close();
  });

  const token = (kid = 'k1') =>
    new SignJWT({ aud: 'my-app', exp: NOW + 3600, iat: NOW, iss: idp.issuer, sub: 'user-1' }).setProtectedHeader({ alg: 'ES256', kid }).sign(signingKey);

  /** Every way of not getting a key answers the same, so STS tells nothing about what is listening where. */
  async function keysRejection(resolver: RemoteKeyResolver, jwt?: string): Promise<TokenRejectedError> {
    const error = await verifyWebIdentityToken(w.store, w.deps, w.config, jwt ?? (await token()), { remoteKeys: resolver }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRejectedError);
    const rejection = error as TokenRejectedError;
    expect([rejection.check, rejection.awsError.code, rejection.awsError.message, rejection.awsError.status]).toEqual(['keys', 'InvalidIdentityToken', STS_MESSAGES.noKey, 400]);
    return rejection;
  }

  it('should fetch discovery then jwks_uri and verify, caching both per issuer', async () => {
    const resolver = remoteKeys();
    const result = await verifyWebIdentityToken(w.store, w.deps, w.config, await token(), { remoteKeys: resolver });
    expect([result.audience, result.subject, result.issuerHostPath]).toEqual(['my-app', 'user-1', idp.issuer.replace('http://', '')]);
    await verifyWebIdentityToken(w.store, w.deps, w.config, await token(), { remoteKeys: resolver });
    expect(idp.requests).toEqual(['/tenant/.well-known/openid-configuration', '/tenant/jwks']);
  });

  it('should refuse a kid the issuer does not publish', async () => {
    const error = await verifyWebIdentityToken(w.store, w.deps, w.config, await token('k2'), { remoteKeys: remoteKeys() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ check: 'signature', detail: `kid "k2" is not in the JWKS of ${idp.issuer}` });
  });

  it('should answer an issuer that is down as one that answers wrongly (no port-scan oracle)', async () => {
    await idp.close();
    const rejection = await keysRejection(remoteKeys());
    expect(rejection.detail).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/tenant\/\.well-known\/openid-configuration failed: fetch failed$/);
  });

  it('should fail the keys check when discovery is 404, and retry on the next call', async () => {
    idp.routes.delete('/tenant/.well-known/openid-configuration');
    const resolver = remoteKeys();
    expect((await keysRejection(resolver)).detail).toMatch(/openid-configuration failed: HTTP 404$/);
    idp.routes.set('/tenant/.well-known/openid-configuration', { jwks_uri: `${idp.issuer}/jwks` });
    await expect(verifyWebIdentityToken(w.store, w.deps, w.config, await token(), { remoteKeys: resolver })).resolves.toBeDefined();
  });

  it('should fail the keys check when discovery has no jwks_uri', async () => {
    idp.routes.set('/tenant/.well-known/openid-configuration', { issuer: idp.issuer });
    expect((await keysRejection(remoteKeys())).detail).toMatch(/openid-configuration has no valid jwks_uri$/);
  });

  it('should fail the keys check when the JWKS answers 500', async () => {
    idp.routes.set('/tenant/jwks', 500);
    expect((await keysRejection(remoteKeys())).detail).toMatch(new RegExp(`^JWKS of ${idp.issuer} could not be fetched: `));
  });

  it.each([
    ['/tenant/.well-known/openid-configuration', /openid-configuration failed: The operation was aborted due to timeout$/],
    ['/tenant/jwks', /could not be fetched: request timed out$/],
  ])('should give up on %s after the timeout with the same InvalidIdentityToken', async (path, detail) => {
    idp.routes.set(path, 'hang');
    expect((await keysRejection(remoteKeys())).detail).toMatch(detail);
  });

  it('should match iss to the provider URL exactly: trailing slashes find no provider and fetch nothing', async () => {
    const resolver = remoteKeys();
    await verifyWebIdentityToken(w.store, w.deps, w.config, await token(), { remoteKeys: resolver });
    for (const slashes of ['/', '//', '/'.repeat(400)]) {
      const iss = `${idp.issuer}${slashes}`;
      const jwt = await new SignJWT({ aud: 'my-app', exp: NOW + 3600, iat: NOW, iss, sub: 'user-1' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(signingKey);
      const error = await verifyWebIdentityToken(w.store, w.deps, w.config, jwt, { remoteKeys: resolver }).catch((e: unknown) => e);
      expect(error).toMatchObject({ check: 'issuer', awsError: { code: 'InvalidIdentityToken', message: `No OpenIDConnect provider found in your account for ${iss}` } });
    }
    expect([idp.requests.length, resolver.size]).toEqual([2, 1]);
  });

  it('should keep one JWKS cache entry per provider', async () => {
    const resolver = remoteKeys();
    const other = `${idp.issuer}/other`;
    registerProvider(w, other, ['my-app']);
    idp.routes.set('/tenant/other/.well-known/openid-configuration', { jwks_uri: `${idp.issuer}/jwks` });
    const sign = (iss: string) => new SignJWT({ aud: 'my-app', exp: NOW + 3600, iat: NOW, iss, sub: 'user-1' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(signingKey);
    for (let i = 0; i < 3; i++) {
      await verifyWebIdentityToken(w.store, w.deps, w.config, await sign(idp.issuer), { remoteKeys: resolver });
      await verifyWebIdentityToken(w.store, w.deps, w.config, await sign(other), { remoteKeys: resolver });
    }
    expect(resolver.size).toBe(2);
  });

  it('should not fetch from an http:// issuer off loopback, even one already registered', async () => {
    const far = 'http://192.0.2.1:8080/tenant';
    registerProvider(w, far, ['my-app']);
    const jwt = await new SignJWT({ aud: 'my-app', exp: NOW + 3600, iat: NOW, iss: far, sub: 'user-1' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(signingKey);
    const rejection = await keysRejection(remoteKeys(), jwt);
    expect(rejection.detail).toBe(`${far}/.well-known/openid-configuration is not a URL eksid fetches (https, or http on loopback unless --allow-http-issuers)`);
  });

  it('should not follow a jwks_uri to an http:// host off loopback', async () => {
    idp.routes.set('/tenant/.well-known/openid-configuration', { jwks_uri: 'http://192.0.2.1:8080/jwks' });
    const rejection = await keysRejection(remoteKeys());
    expect(rejection.detail).toMatch(/^jwks_uri http:\/\/192\.0\.2\.1:8080\/jwks of http:\/\/127\.0\.0\.1:\d+\/tenant\/\.well-known\/openid-configuration is not a URL eksid fetches/);
    expect(idp.requests).toEqual(['/tenant/.well-known/openid-configuration']);
  });
});
