import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startStsServer } from '../sts/test-support.js';
import type { StsTestServer } from '../sts/test-support.js';
import { ADMIN_HEADERS, startTestServer } from '../test-server.js';

// GET /metrics over HTTP, after real requests: what a Prometheus scrape of `eksid up` sees.
let server: StsTestServer;
beforeAll(async () => {
  server = await startStsServer();
  server.putRole('app', {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: server.providerArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${server.hostPath}:sub`]: 'system:serviceaccount:default:app' } },
    }],
  });
});
afterAll(() => server.close());

async function scrape(url = server.url): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one sample, e.g. `eksid_decisions_total{service="sts",…}`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const decisions = (text: string, service: string, action: string, outcome: string) => sample(text, 'eksid_decisions_total', { service, action, outcome });
const answered = (text: string, service: string, action: string, statusClass: string) =>
  sample(text, 'eksid_request_duration_seconds_count', { service, action, status_class: statusClass });

async function assume(serviceAccount: string): Promise<number> {
  return (await post(server, { Action: 'AssumeRoleWithWebIdentity', RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 'metrics', WebIdentityToken: await server.token(serviceAccount) })).status;
}

describe('GET /metrics', () => {
  it('should answer the Prometheus text format, with every known decision series at 0 before any request', async () => {
    const fresh = await startTestServer();
    try {
      const res = await fetch(`${fresh.url}/metrics`);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const text = await res.text();
      expect(text).toContain('# TYPE eksid_decisions_total counter');
      expect(text).toContain('# TYPE eksid_request_duration_seconds histogram');
      expect(decisions(text, 'sts', 'AssumeRoleWithWebIdentity', 'denied')).toBe(0);
      expect(decisions(text, 'webhook', 'Mutate', 'allowed')).toBe(0);
      expect(text).not.toContain('process_cpu');
    } finally {
      await fresh.close();
    }
  });

  it('should count STS decisions by outcome and time each answer by action and status class', async () => {
    const before = await scrape();
    expect(await assume('app')).toBe(200);
    expect(await assume('intruder')).toBe(403);
    const after = await scrape();
    expect(decisions(after, 'sts', 'AssumeRoleWithWebIdentity', 'allowed')).toBe((decisions(before, 'sts', 'AssumeRoleWithWebIdentity', 'allowed') ?? 0) + 1);
    expect(decisions(after, 'sts', 'AssumeRoleWithWebIdentity', 'denied')).toBe((decisions(before, 'sts', 'AssumeRoleWithWebIdentity', 'denied') ?? 0) + 1);
    expect(answered(after, 'sts', 'AssumeRoleWithWebIdentity', '2xx')).toBe((answered(before, 'sts', 'AssumeRoleWithWebIdentity', '2xx') ?? 0) + 1);
    expect(answered(after, 'sts', 'AssumeRoleWithWebIdentity', '4xx')).toBe((answered(before, 'sts', 'AssumeRoleWithWebIdentity', '4xx') ?? 0) + 1);
    expect(after).toMatch(/^eksid_request_duration_seconds_bucket\{le="0\.0005",service="sts",action="AssumeRoleWithWebIdentity",status_class="2xx"\} \d+$/m);
  });

  it('should count the decisions agents and webhooks report, an action it does not know as other', async () => {
    const events = [
      { source: 'agent', action: 'GetCredentials', outcome: 'denied', errorCode: 'Forbidden' },
      { source: 'webhook', action: 'Mutate', outcome: 'allowed' },
      { source: 'webhook', action: 'x'.repeat(100), outcome: 'allowed' },
    ];
    const before = await scrape();
    const res = await fetch(`${server.url}/_eksid/events`, { method: 'POST', headers: { ...ADMIN_HEADERS, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
    expect(res.status).toBe(200);
    const after = await scrape();
    expect(decisions(after, 'agent', 'GetCredentials', 'denied')).toBe((decisions(before, 'agent', 'GetCredentials', 'denied') ?? 0) + 1);
    expect(decisions(after, 'webhook', 'Mutate', 'allowed')).toBe((decisions(before, 'webhook', 'Mutate', 'allowed') ?? 0) + 1);
    expect(decisions(after, 'webhook', 'other', 'allowed')).toBe((decisions(before, 'webhook', 'other', 'allowed') ?? 0) + 1);
    expect(after).not.toContain('x'.repeat(100));
  });

  it('should label other requests by service and route pattern, never by path or parameter', async () => {
    await fetch(`${server.url}/clusters/no-such-cluster-name`);
    await fetch(`${server.url}/_eksid/health`);
    await fetch(`${server.url}/no/such/path`);
    await post(server, { Action: 'NoSuchActionAnywhere' });
    const text = await scrape();
    expect(answered(text, 'eks', 'GET /clusters/:name', '4xx')).toBeGreaterThanOrEqual(1);
    expect(answered(text, 'eksid', 'GET /_eksid/health', '2xx')).toBeGreaterThanOrEqual(1);
    expect(answered(text, 'none', 'unmatched', '4xx')).toBeGreaterThanOrEqual(1);
    expect(answered(text, 'sts', 'other', '4xx')).toBeGreaterThanOrEqual(1);
    for (const leaked of ['no-such-cluster-name', 'no/such/path', 'NoSuchActionAnywhere']) expect(text).not.toContain(leaked);
  });

  it('should answer other methods at /metrics as any path without a service (no AWS API it serves has that path)', async () => {
    const res = await fetch(`${server.url}/metrics`, { method: 'POST', body: '{}' });
    expect([res.status, res.headers.get('x-amzn-errortype')]).toEqual([404, 'UnknownOperationException']);
  });

  it('should keep each server\'s metrics to itself', async () => {
    const other = await startTestServer();
    try {
      expect(await assume('app')).toBe(200);
      expect(decisions(await scrape(other.url), 'sts', 'AssumeRoleWithWebIdentity', 'allowed')).toBe(0);
    } finally {
      await other.close();
    }
  });
});
