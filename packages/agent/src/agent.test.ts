import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAgent } from './agent.js';
import type { RunningAgent } from './agent.js';
import type { AgentConfig } from './config.js';
import { createLogger } from '@eksid/core/log';
import { credentialsReply, startFakeEksAuth } from './testing/fake-eks-auth.js';
import type { FakeEksAuth } from './testing/fake-eks-auth.js';
import { send } from './testing/http.js';
import { fakeToken, manualClock } from './testing/tokens.js';

const HOUR = 3_600_000;
let fake: FakeEksAuth;
let agent: RunningAgent;
let logs: string[];
const clock = manualClock();
const nowS = () => Math.floor(clock.now() / 1000);

async function start(overrides: Partial<AgentConfig> = {}): Promise<RunningAgent> {
  return startAgent({
    clusterName: 'demo',
    endpoint: fake.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIANODE', secretAccessKey: 'x' },
    probePort: 0,
    metricsPort: 0,
    // Generous: on a loaded machine a tight attempt timeout turns a slow reply into a retry, an extra call the tests count.
    eksAuth: { attemptTimeoutMs: 5_000, backoffMs: () => 0 },
    logger: await createLogger({ format: 'json', write: (l) => void logs.push(l), now: () => clock.now() }),
    clock,
    env: {},
    ...overrides,
  });
}

const url = () => agent.urls[0] as string;
const creds = (token: string, extra: Record<string, string> = {}) => send(url(), { headers: { authorization: token, ...extra } });

beforeEach(async () => {
  logs = [];
  fake = await startFakeEksAuth();
  fake.reply = () => credentialsReply(nowS() + 6 * 3600);
  agent = await start();
});

afterEach(async () => {
  await agent.close();
  await fake.close();
});

describe('startAgent', () => {
  it('serves the container-credentials JSON on a loopback URL', async () => {
    expect(url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/credentials$/);
    fake.reply = () => credentialsReply(Date.UTC(2026, 0, 1, 6) / 1000);
    const token = fakeToken({ exp: nowS() + 86400 });
    const res = await creds(token);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toBe('{"AccessKeyId":"ASIAFAKEEKSAUTH00001","SecretAccessKey":"secret-key","Token":"session-token","AccountId":"111122223333","Expiration":"2026-01-01T06:00:00Z"}');
    expect(fake.calls.map((c) => [c.cluster, c.token])).toEqual([['demo', token]]);
    // The real agent's logrus JSON: level by name, msg, time in RFC 3339, its field names.
    const line = JSON.parse(logs.find((l) => l.includes('Successfully fetched')) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'info',
      msg: 'Successfully fetched credentials from EKS Auth',
      time: new Date(clock.now()).toISOString(),
      'cluster-name': 'demo',
      fetched_role_arn: 'arn:aws:sts::111122223333:assumed-role/app-role/eks-demo-pod-1234',
      fetched_role_id: expect.any(String),
    });
    expect(line['client-addr']).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(typeof line['request_time_ms']).toBe('number');
    expect(line).not.toHaveProperty('pid');
    expect(line).not.toHaveProperty('hostname');
  });

  it.each(['POST', 'PUT', 'DELETE'])('answers %s like GET (the route takes any method)', async (method) => {
    const res = await send(url(), { method, headers: { authorization: fakeToken({}) } });
    expect(res.status).toBe(200);
  });

  it.each([
    ['no header', '', 400, 'Service account token cannot be empty'],
    ['a Bearer header', 'Bearer x.y', 400, 'Service account token cannot be parsed: token is malformed: token contains an invalid number of segments'],
    ['an expired token', fakeToken({ exp: Date.UTC(2025, 0, 1) / 1000 }), 400, 'Service account token failed basic claim validations: token is expired'],
    ['a future token', fakeToken({ nbf: Date.UTC(2027, 0, 1) / 1000 }), 400, 'Service account token failed basic claim validations: token is not valid yet'],
  ])('rejects %s with Go http.Error', async (_label, token, status, message) => {
    const res = await send(url(), { headers: token === '' ? {} : { authorization: token } });
    expect(res).toMatchObject({ status, body: `${message}\n` });
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(fake.calls).toHaveLength(0);
  });

  it('checks the Host header: real agent addresses and the bound loopback pass, other names get 403', async () => {
    const token = fakeToken({});
    for (const host of ['169.254.170.23', '[fd00:ec2::23]:80', '127.0.0.1:1', 'localhost']) {
      expect((await creds(token, { host })).status).toBe(200);
    }
    const res = await creds(token, { host: 'agent.example.com' });
    expect(res).toMatchObject({ status: 403, body: 'Access Denied. Called agent through invalid address, please use either [169.254.170.23 fd00:ec2::23 127.0.0.1 localhost] address not agent.example.com\n' });
  });

  it.each(['/', '/v1/credentials/', '/v1/credential', '/healthz'])('answers %s with Go\'s 404 page', async (path) => {
    const res = await send(new URL(path, url()).href);
    expect(res).toMatchObject({ status: 404, body: '404 page not found\n' });
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('redirects an unclean path like Go\'s ServeMux', async () => {
    const res = await send(url().replace('/v1/credentials', '/v1//credentials'));
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/v1/credentials');
  });

  it.each([
    [{ kind: 'error', status: 400, code: 'ExpiredTokenException', message: 'The token included in the request is expired', requestId: 'r-1' }, 400, '[r-1]: (ExpiredTokenException): The token included in the request is expired, fault: client'],
    [{ kind: 'error', status: 404, code: 'ResourceNotFoundException', message: 'No association', requestId: 'r-2' }, 404, '[r-2]: (ResourceNotFoundException): No association, fault: client'],
    [{ kind: 'error', status: 400, code: 'AccessDeniedException', message: 'denied', requestId: 'r-3' }, 400, '[r-3]: (AccessDeniedException): denied, fault: client'],
    [{ kind: 'error', status: 503, code: 'ServiceUnavailableException', message: 'down', requestId: 'r-4' }, 503, '[r-4]: (ServiceUnavailableException): down, fault: server'],
    [{ kind: 'hang' }, 500, '[]'],
  ] as const)('maps EKS Auth failure %j to the agent status and body', async (reply, status, body) => {
    fake.reply = () => reply;
    const res = await creds(fakeToken({}));
    expect(res).toMatchObject({ status, body: `${body}\n` });
  });

  it('caches per token: one EKS Auth call for repeated and concurrent requests', async () => {
    const [a, b] = [fakeToken({ jti: 'a' }), fakeToken({ jti: 'b' })];
    await Promise.all([creds(a), creds(a), creds(a), creds(b)]);
    await creds(a);
    expect(fake.calls.map((c) => c.token).sort()).toEqual([a, b].sort());
  });

  it('survives malformed HTTP and keeps serving', async () => {
    const { port, hostname } = new URL(url());
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), hostname, () => socket.end('NOT HTTP\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => void (data += String(d)));
      socket.on('close', () => resolve(data));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect((await creds(fakeToken({}))).status).toBe(200);
  });

  it('calls EKS Auth every time when the cache is off (retention 0)', async () => {
    await agent.close();
    agent = await start({ maxCredentialRetentionBeforeRenewalMs: 0 });
    const token = fakeToken({});
    await creds(token);
    await creds(token);
    expect(fake.calls).toHaveLength(2);
  });

  it('keeps serving cached credentials and other pods\' errors while EKS Auth is gone', async () => {
    const cached = fakeToken({ jti: 'cached' });
    expect((await creds(cached)).status).toBe(200);
    await fake.close();
    for (const t of ['garbage', fakeToken({ jti: 'new' }), '']) await creds(t);
    expect((await creds(fakeToken({ jti: 'new' }))).status).toBe(500);
    clock.advance(3 * HOUR + 1);
    await agent.sweep();
    expect((await creds(cached)).status).toBe(200);
  });

  it('renews a cached entry in the background', async () => {
    const token = fakeToken({});
    await creds(token);
    fake.reply = () => credentialsReply(nowS() + 6 * 3600, 'ASIARENEWED000000001');
    clock.advance(3 * HOUR + 1);
    await agent.sweep();
    expect(fake.calls).toHaveLength(2);
    expect(JSON.parse((await creds(token)).body)).toMatchObject({ AccessKeyId: 'ASIARENEWED000000001' });
  });

  it('drops a cached entry when renewal says AccessDenied', async () => {
    const token = fakeToken({});
    await creds(token);
    fake.reply = () => ({ kind: 'error', status: 400, code: 'AccessDeniedException', message: 'association deleted' });
    clock.advance(3 * HOUR + 1);
    await agent.sweep();
    expect((await creds(token)).body).toBe('[req-1]: (AccessDeniedException): association deleted, fault: client\n');
  });

  it('limits the route to maxRequestsPerSecond with a burst of half, like the real agent', async () => {
    await agent.close();
    agent = await start({ maxRequestsPerSecond: 4 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await creds(fakeToken({}))).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await creds(fakeToken({}))).body).toBe('Too Many Requests\n');
    clock.advance(500);
    expect((await creds(fakeToken({}))).status).toBe(200);
  });

  it('answers probes and exposes Prometheus metrics', async () => {
    await creds(fakeToken({}));
    await creds(fakeToken({}));
    await creds('');
    for (const base of [agent.probeUrl, agent.metricsUrl]) {
      expect((await send(`${base}/healthz`)).status).toBe(200);
      expect((await send(`${base}/readyz`)).status).toBe(200);
    }
    const metrics = await send(`${agent.metricsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('pod_identity_http_response{code="200"} 2');
    expect(metrics.body).toContain('pod_identity_http_response{code="400"} 1');
    expect(metrics.body).toContain('pod_identity_cache_state{state="miss"} 1');
    expect(metrics.body).toContain('pod_identity_cache_state{state="hit"} 1');
    expect(metrics.body).toMatch(/pod_identity_eks_auth_request_duration_seconds_count\{outcome="success"\} 1/);
    expect((await send(`${agent.probeUrl}/metrics`)).status).toBe(404);
  });
});
