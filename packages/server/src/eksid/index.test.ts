import { createPublicKey, verify } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import type { FixedClock } from '@eksid/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callJson, clusterBody, startEksServer } from '../eks/test-support.js';
import type { EksTestServer } from '../eks/test-support.js';

let server: EksTestServer;
beforeEach(async () => {
  server = await startEksServer();
});
afterEach(() => server.close());

function decode(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header = '', claims = ''] = token.split('.');
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString()), claims: JSON.parse(Buffer.from(claims, 'base64url').toString()) };
}

async function createDemo(): Promise<string> {
  const created = await callJson(server, 'POST', '/clusters', clusterBody('demo'));
  return (created.body['cluster'] as { identity: { oidc: { issuer: string } } }).identity.oidc.issuer;
}

describe('GET /_eksid/health', () => {
  it('should report ok with the eksid version', async () => {
    expect(await callJson(server, 'GET', '/_eksid/health')).toMatchObject({ status: 200, body: { status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
  });
});

describe('POST /_eksid/token', () => {
  it('should mint a token the cluster JWKS verifies, with the IRSA defaults', async () => {
    const issuer = await createDemo();
    const reply = await callJson(server, 'POST', '/_eksid/token', { cluster: 'demo', namespace: 'default', serviceAccount: 'app', pod: 'app-1' });
    expect(reply.status).toBe(200);
    const token = String(reply.body['token']);
    const { header, claims } = decode(token);
    expect(claims).toMatchObject({
      iss: issuer,
      sub: 'system:serviceaccount:default:app',
      aud: ['sts.amazonaws.com'],
      'kubernetes.io': { namespace: 'default', pod: { name: 'app-1', uid: expect.any(String) }, serviceaccount: { name: 'app' } },
    });
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(86_400);
    const { keys } = (await (await fetch(`${issuer}/keys`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
    const jwk = keys.find((k) => k.kid === header['kid']);
    const [h, c, s] = token.split('.') as [string, string, string];
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    expect(verify('RSA-SHA256', Buffer.from(`${h}.${c}`), key, Buffer.from(s, 'base64url'))).toBe(true);
  });

  it('should take several audiences and an expiration', async () => {
    await createDemo();
    const reply = await callJson(server, 'POST', '/_eksid/token', { cluster: 'demo', namespace: 'ns', serviceAccount: 'sa', audience: ['a', 'b'], expirationSeconds: 3600 });
    const { claims } = decode(String(reply.body['token']));
    expect(claims['aud']).toEqual(['a', 'b']);
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(3600);
  });

  it.each([
    [{ namespace: 'default', serviceAccount: 'app' }, "'cluster' is required and must be a non-empty string"],
    [{ cluster: 'demo', namespace: 'default', serviceAccount: 'app', expirationSeconds: 60 }, 'expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes'],
    [{ cluster: 'demo', namespace: 'default', serviceAccount: 'app', audience: [] }, "'audience' must be a non-empty string or a list of them"],
    [{ cluster: 'demo', namespace: 'default', serviceAccount: 'app', pod: 5 }, "'pod' must be a pod name or {name, uid}"],
    [{ cluster: 'demo', namespace: 'Default', serviceAccount: 'app' }, expect.stringMatching(/^'Default' is not a valid namespace: a lowercase RFC 1123 label/)],
  ])('should refuse %j with 400', async (body, message) => {
    await createDemo();
    const reply = await callJson(server, 'POST', '/_eksid/token', body);
    expect(reply).toMatchObject({ status: 400, body: { message } });
  });

  it('should answer an unknown cluster with 404 and a body that is not JSON with 400', async () => {
    expect(await callJson(server, 'POST', '/_eksid/token', { cluster: 'nope', namespace: 'a', serviceAccount: 'b' })).toMatchObject({
      status: 404,
      body: { message: 'No cluster found for name: nope.' },
    });
    expect((await callJson(server, 'POST', '/_eksid/token', 'cluster=demo')).status).toBe(400);
  });
});

describe('GET /_eksid/keys/:cluster', () => {
  it('should export the active signing key as PEM', async () => {
    await createDemo();
    const reply = await callJson(server, 'GET', '/_eksid/keys/demo');
    expect(reply.body).toEqual({
      cluster: 'demo',
      kid: expect.any(String),
      privateKeyPem: expect.stringMatching(/^-----BEGIN PRIVATE KEY-----\n/),
      publicKeyPem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/),
    });
  });

  it('should answer an unknown cluster with 404', async () => {
    expect((await callJson(server, 'GET', '/_eksid/keys/nope')).status).toBe(404);
  });
});

describe('POST /_eksid/keys/:cluster/rotate', () => {
  const kidOf = async () => decode(String((await callJson(server, 'POST', '/_eksid/token', { cluster: 'demo', namespace: 'default', serviceAccount: 'app' })).body['token'])).header['kid'];
  const jwksKids = async (issuer: string) => ((await (await fetch(`${issuer}/keys`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);

  it('should sign with a new key from now on and publish the old one until its tokens have expired', async () => {
    const issuer = await createDemo();
    const old = await kidOf();
    const reply = await callJson(server, 'POST', '/_eksid/keys/demo/rotate', { maxTokenLifetimeSeconds: 3600 });
    expect(reply.status).toBe(200);
    const fresh = reply.body['kid'];
    expect(fresh).not.toBe(old);
    expect(reply.body).toEqual({ cluster: 'demo', kid: fresh, keys: [{ kid: fresh, publishedUntil: null }, { kid: old, publishedUntil: '2026-03-01T13:00:00.000Z' }] });
    expect(await kidOf()).toBe(fresh);
    expect(await jwksKids(issuer)).toEqual([fresh, old]);
    (server.ctx.deps.clock as FixedClock).advance(3600);
    expect(await jwksKids(issuer)).toEqual([fresh]);
  });

  it('should keep the old key a day by default, and drop it at once for 0', async () => {
    await createDemo();
    const first = await kidOf();
    const day = await callJson(server, 'POST', '/_eksid/keys/demo/rotate');
    expect(day.body['keys']).toEqual([{ kid: day.body['kid'], publishedUntil: null }, { kid: first, publishedUntil: '2026-03-02T12:00:00.000Z' }]);
    const now = await callJson(server, 'POST', '/_eksid/keys/demo/rotate', { maxTokenLifetimeSeconds: 0 });
    expect(now.body['keys']).toEqual([{ kid: now.body['kid'], publishedUntil: null }, { kid: first, publishedUntil: '2026-03-02T12:00:00.000Z' }]);
  });

  it.each([-1, 1.5, '60', 2 ** 32 + 1])('should refuse maxTokenLifetimeSeconds %j with 400', async (value) => {
    await createDemo();
    const reply = await callJson(server, 'POST', '/_eksid/keys/demo/rotate', { maxTokenLifetimeSeconds: value });
    expect([reply.status, reply.headers.get('x-amzn-errortype'), reply.body['message']]).toEqual([
      400, 'InvalidParameterException', `'maxTokenLifetimeSeconds' must be a whole number of seconds from 0 to 4294967296, got ${JSON.stringify(value)}`,
    ]);
  });

  it('should answer an unknown cluster with 404', async () => {
    expect((await callJson(server, 'POST', '/_eksid/keys/nope/rotate')).status).toBe(404);
  });
});

describe('POST /_eksid/apply', () => {
  const doc = {
    clusters: [{ name: 'demo', serviceAccounts: [{ name: 'app' }] }],
    oidcProviders: [{ cluster: 'demo' }],
    roles: [{ name: 'demo-app', trustPolicy: { irsa: { cluster: 'demo', serviceAccount: 'app' } } }],
  };

  it('should apply a document, and report everything unchanged the second time', async () => {
    expect((await callJson(server, 'POST', '/_eksid/apply', doc)).body).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    expect((await callJson(server, 'POST', '/_eksid/apply', doc)).body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('should answer a bad document with 400 naming the path', async () => {
    const reply = await callJson(server, 'POST', '/_eksid/apply', { roles: [{ name: 'r', trustPolicy: [] }] });
    expect(reply).toMatchObject({ status: 400, body: { message: 'roles[0].trustPolicy: expected an object, got a list' } });
  });

  it('should answer a YAML body with 400 saying to send JSON', async () => {
    const reply = await callJson(server, 'POST', '/_eksid/apply', 'clusters:\n  - name: demo\n');
    expect(reply).toMatchObject({ status: 400, body: { message: expect.stringContaining('must be a JSON document') } });
  });
});
