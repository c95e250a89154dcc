import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callJson, clusterBody, startEksServer } from '../eks/test-support.js';
import type { EksTestServer } from '../eks/test-support.js';

let server: EksTestServer;
let issuer: string;
beforeEach(async () => {
  server = await startEksServer();
  const created = await callJson(server, 'POST', '/clusters', clusterBody('demo'));
  issuer = (created.body['cluster'] as { identity: { oidc: { issuer: string } } }).identity.oidc.issuer;
});
afterEach(() => server.close());

describe('OIDC issuer routes', () => {
  it('should serve the discovery document of the cluster issuer, cacheable', async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(await res.json()).toEqual({
      issuer,
      jwks_uri: `${issuer}/keys`,
      authorization_endpoint: 'urn:kubernetes:programmatic_authorization',
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['sub', 'iss'],
    });
  });

  it('should serve the JWKS with the cluster RSA signing key', async () => {
    const res = await fetch(`${issuer}/keys`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const { keys } = (await res.json()) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toEqual({ kty: 'RSA', kid: expect.any(String), use: 'sig', alg: 'RS256', n: expect.any(String), e: 'AQAB' });
  });

  it.each(['/.well-known/openid-configuration', '/keys'])('should answer %s of an unknown issuer with 404', async (suffix) => {
    const res = await fetch(`${server.url}/id/0123456789ABCDEF0123456789ABCDEF${suffix}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('should stop serving the issuer once the cluster is deleted', async () => {
    await callJson(server, 'DELETE', '/clusters/demo');
    expect((await fetch(`${issuer}/keys`)).status).toBe(404);
  });
});
