import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callJson, clusterBody } from '../eks/test-support.js';
import { startTestServer } from '../test-server.js';
import type { TestServer } from '../test-server.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
  await callJson(server, 'POST', '/clusters', clusterBody('demo'));
});
afterEach(() => server.close());

const HOW = "send this instance's admin token (printed by `eksid up`) in the X-Eksid-Admin-Token header; eksid's clients read --admin-token or $EKSID_ADMIN_TOKEN, or find it when `eksid up` runs on the same machine";

/** Every /_eksid operation that reveals keys or claims, mints tokens or changes state. */
const GUARDED: [string, string, unknown?][] = [
  ['GET', '/_eksid/keys/demo'],
  ['POST', '/_eksid/token', { cluster: 'demo', namespace: 'default', serviceAccount: 'app' }],
  ['GET', '/_eksid/clusters/demo/service-accounts/default/app'],
  ['POST', '/_eksid/apply', { clusters: [{ name: 'other' }] }],
  ['GET', '/_eksid/events'],
  ['POST', '/_eksid/events', { events: [{ source: 'agent', action: 'GetCredentials', outcome: 'allowed' }] }],
  ['GET', '/_eksid/events/stream?after=0'],
  ['POST', '/_eksid/explain', { cluster: 'demo', namespace: 'default', serviceAccount: 'app' }],
];

describe('the admin token', () => {
  it.each(GUARDED)('should refuse %s %s without it with 401, doing nothing', async (method, path, body) => {
    const reply = await callJson(server, method, path, body, {});
    expect(reply.status).toBe(401);
    expect(reply.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(reply.body).toEqual({ message: `${method} ${path.split('?')[0]} needs the admin token: ${HOW}` });
    expect(server.ctx.store.clusters.list(server.ctx.config.accountId).map((c) => c.name)).toEqual(['demo']);
    expect(server.ctx.store.serviceAccounts.list('demo')).toEqual([]);
    expect(server.ctx.decisions.list()).toEqual([]);
  });

  it.each(GUARDED)('should refuse %s %s with a wrong one with 401', async (method, path, body) => {
    // (fetch trims a value's outer whitespace, as HTTP does, so that is no wrong token.)
    for (const wrong of ['test-admin-tokeN', 'test-admin-token-', '', 'x']) {
      const reply = await callJson(server, method, path, body, { 'X-Eksid-Admin-Token': wrong });
      expect(reply).toMatchObject({ status: 401, body: { message: `the X-Eksid-Admin-Token header is not this instance's admin token: ${HOW}` } });
    }
  });

  it('should answer with the right one', async () => {
    const reply = await callJson(server, 'GET', '/_eksid/keys/demo');
    expect(reply).toMatchObject({ status: 200, body: { cluster: 'demo', privateKeyPem: expect.stringMatching(/^-----BEGIN PRIVATE KEY-----/) } });
  });

  it.each([
    ['/_eksid/health', 'application/json'],
    ['/', 'text/html'],
    ['/_eksid/dashboard/decisions', 'text/html'],
    ['/_eksid/dashboard/state', 'text/html'],
    ['/_eksid/dashboard/stream?after=0', 'text/event-stream'],
  ])('should not be asked for by %s, which reveals no key, claim or secret beyond the dashboard', async (path, type) => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}${path}`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    controller.abort();
  });
});
