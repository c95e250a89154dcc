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

  async function keysRejection(resolver: RemoteKeyResolver, reachable = true): Promise<TokenRejectedError> {
    const error = await verifyWebIdentityToken(w.store, w.deps, w.config, await token(), { remoteKeys: resolver }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRejectedError);
    const rejection = error as TokenRejectedError;
    const expected = reachable ? ['InvalidIdentityToken', STS_MESSAGES.noKey, 400] : ['IDPCommunicationError', STS_MESSAGES.unreachable, 400];
    expect([rejection.check, rejection.awsError.code, rejection.awsError.message, rejection.awsError.status]).toEqual(['keys', ...expected]);
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

  it('should answer IDPCommunicationError when the issuer is down', async () => {
    await idp.close();
    const rejection = await keysRejection(remoteKeys(), false);
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
  ])('should give up on %s after the timeout with IDPCommunicationError', async (path, detail) => {
    idp.routes.set(path, 'hang');
    expect((await keysRejection(remoteKeys(), false)).detail).toMatch(detail);
  });
});
