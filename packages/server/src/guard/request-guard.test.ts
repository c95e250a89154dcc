import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_HEADERS, startTestServer } from '../test-server.js';
import type { TestServer } from '../test-server.js';
import { clusterBody } from '../eks/test-support.js';

// Raw requests, as curl sends them: the Host header is whatever the client says, which is
// what a DNS-rebound page makes a browser say.
let server: TestServer;
let issuerPath: string;
beforeAll(async () => {
  server = await startTestServer({ config: { publicUrl: 'http://eksid:4599' }, allowedHosts: ['host.docker.internal'] });
  const created = await send('POST', '/clusters', { 'content-type': 'application/json' }, JSON.stringify(clusterBody('demo')));
  issuerPath = new URL((JSON.parse(created.body) as { cluster: { identity: { oidc: { issuer: string } } } }).cluster.identity.oidc.issuer).pathname;
});
afterAll(async () => server.close());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const PORT = () => server.port;
const REBOUND = () => `rebind.attacker.example:${PORT()}`;
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const json = { 'content-type': 'application/json' };
const HOST_MESSAGE = "eksid does not answer to host 'rebind.attacker.example:%d': it answers loopback names, its public URL's host and --allowed-host names";
const hostMessage = () => HOST_MESSAGE.replace('%d', String(PORT()));
const codeOf = (xml: string) => /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];
const messageOf = (xml: string) => /<Message>([^<]+)<\/Message>/.exec(xml)?.[1];
const trustPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] });

describe('a Host eksid does not answer to', () => {
  it('gets 403 instead of a cluster key on /_eksid/keys/<cluster>', async () => {
    expect((await send('GET', '/_eksid/keys/demo', ADMIN_HEADERS)).status).toBe(200);
    const reply = await send('GET', '/_eksid/keys/demo', { host: REBOUND() });
    expect([reply.status, reply.headers['x-amzn-errortype'], JSON.parse(reply.body)]).toEqual([403, 'AccessDeniedException', { message: hostMessage() }]);
  });

  it('gets AccessDenied in awsQuery XML on POST / (the fast route STS takes)', async () => {
    const reply = await send('POST', '/', { ...form, host: REBOUND() }, 'Action=GetCallerIdentity&Version=2011-06-15');
    expect([reply.status, codeOf(reply.body), messageOf(reply.body)]).toEqual([403, 'AccessDenied', hostMessage().replaceAll("'", '&apos;')]);
  });

  it('gets AccessDenied on GET /?Action= and on the dashboard', async () => {
    for (const path of ['/?Action=GetCallerIdentity&Version=2011-06-15', '/']) {
      const reply = await send('GET', path, { host: REBOUND() });
      expect([reply.status, codeOf(reply.body)]).toEqual([403, 'AccessDenied']);
    }
  });

  it.each([
    ['POST', '/clusters', JSON.stringify(clusterBody('rebound'))],
    ['GET', '/clusters', undefined],
    ['DELETE', '/clusters/demo', undefined],
    ['POST', '/clusters/demo/assume-role-for-pod-identity', JSON.stringify({ token: 'x' })],
    ['GET', '/_eksid/health', undefined],
    ['POST', '/_eksid/token', JSON.stringify({ cluster: 'demo', namespace: 'default', serviceAccount: 'app' })],
    ['GET', '/metrics', undefined],
  ])('gets AccessDeniedException on %s %s', async (method, path, body) => {
    const reply = await send(method, path, { ...json, host: REBOUND() }, body);
    expect([reply.status, reply.headers['x-amzn-errortype'], JSON.parse(reply.body)]).toEqual([403, 'AccessDeniedException', { message: hostMessage() }]);
  });

  it('gets 403 on the OIDC documents', async () => {
    const reply = await send('GET', `${issuerPath}/keys`, { host: REBOUND() });
    expect([reply.status, JSON.parse(reply.body)]).toEqual([403, { message: hostMessage() }]);
  });

  it('changes nothing: the cluster a rebound page tried to delete is still there', async () => {
    await send('DELETE', '/clusters/demo', { host: REBOUND() });
    expect((await send('GET', '/clusters/demo')).status).toBe(200);
  });

  it('includes no Host at all (HTTP/1.0)', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(PORT(), '127.0.0.1', () => socket.end('GET /_eksid/keys/demo HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve(text)).on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
  });
});

describe('the Host names eksid answers to', () => {
  it.each([
    'localhost:PORT', 'localhost', '127.0.0.1:PORT', '[::1]:PORT', 'dashboard.localhost:PORT', 'eksid:4599', 'EKSID', 'host.docker.internal:PORT',
  ])('answers Host %s', async (host) => {
    const reply = await send('GET', `${issuerPath}/.well-known/openid-configuration`, { host: host.replace('PORT', String(PORT())) });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ issuer: `http://eksid:4599${issuerPath}` });
  });

  it('serves the fast route for the public URL\'s host', async () => {
    const reply = await send('POST', '/', { ...form, host: 'eksid:4599' }, 'Action=Nope');
    expect([reply.status, codeOf(reply.body)]).toEqual([400, 'InvalidAction']);
  });
});

describe('a browser request from another site', () => {
  const foreign = { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' };
  const message = 'eksid refuses requests a browser sends from another site (origin http://127.0.0.1:3000): only its own pages, and clients that send no Origin, may call it';

  it('cannot rewrite a trust policy with a form post to /', async () => {
    await send('POST', '/', form, `Action=CreateRole&Version=2010-05-08&RoleName=target&AssumeRolePolicyDocument=${encodeURIComponent(trustPolicy)}`);
    const reply = await send('POST', '/', { ...form, ...foreign }, `Action=UpdateAssumeRolePolicy&Version=2010-05-08&RoleName=target&PolicyDocument=${encodeURIComponent(trustPolicy.replace('*', 'arn:aws:iam::000000000000:root'))}`);
    expect([reply.status, codeOf(reply.body), messageOf(reply.body)]).toEqual([403, 'AccessDenied', message]);
    const role = await send('POST', '/', form, 'Action=GetRole&Version=2010-05-08&RoleName=target');
    expect(decodeURIComponent(/<AssumeRolePolicyDocument>([^<]+)</.exec(role.body)?.[1] ?? '')).toBe(trustPolicy);
  });

  it('cannot create a cluster with a no-cors text/plain post', async () => {
    const reply = await send('POST', '/clusters', { 'content-type': 'text/plain', ...foreign }, JSON.stringify(clusterBody('planted')));
    expect([reply.status, reply.headers['x-amzn-errortype'], JSON.parse(reply.body)]).toEqual([403, 'AccessDeniedException', { message }]);
    expect((await send('GET', '/clusters/planted')).status).toBe(404);
  });

  it('cannot read /_eksid data through CORS: 403, and no Access-Control-Allow-Origin', async () => {
    const reply = await send('GET', '/_eksid/keys/demo', { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors' });
    expect(reply.status).toBe(403);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is served from eksid\'s own origin, as a page of its own sends it', async () => {
    const reply = await send('GET', '/_eksid/events', { ...ADMIN_HEADERS, origin: server.url, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' });
    expect(reply.status).toBe(200);
  });
});
