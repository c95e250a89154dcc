import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_HEADERS, startTestServer } from '../test-server.js';
import type { TestServer } from '../test-server.js';
import { decision } from './events-test-support.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

async function get(path: string): Promise<{ status: number; errorType: string | null; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, { headers: ADMIN_HEADERS });
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), body: (await res.json()) as Record<string, unknown> };
}

async function post(body: unknown): Promise<{ status: number; errorType: string | null; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/_eksid/events`, { method: 'POST', headers: { ...ADMIN_HEADERS, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), body: (await res.json()) as Record<string, unknown> };
}

/** The test server has no clusters: what a denied decision about cluster demo is told when the trail is read. */
const NO_DEMO = 'there is no cluster "demo" in account 000000000000 (it has none): check the node agent\'s --cluster, or create the cluster (eksid apply, aws eks create-cluster --name demo)';

const idsOf = (body: Record<string, unknown>) => (body['events'] as { id: number }[]).map((e) => e.id);

describe('GET /_eksid/events', () => {
  it('should answer an empty trail with no events and latestId 0', async () => {
    expect(await get('/_eksid/events')).toMatchObject({ status: 200, body: { events: [], latestId: 0 } });
  });

  it('should list recorded decisions oldest first, time in ISO 8601, with the latest id', async () => {
    server.ctx.decisions.record(decision());
    server.ctx.decisions.record(decision({ outcome: 'denied', errorCode: 'AccessDenied', errorMessage: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' }));
    const reply = await get('/_eksid/events');
    expect(reply.body).toEqual({
      events: [
        { ...decision(), id: 1, time: '2026-03-01T11:00:00.000Z', hints: [] },
        { ...decision({ outcome: 'denied', errorCode: 'AccessDenied', errorMessage: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' }), id: 2, time: '2026-03-01T11:00:00.000Z', hints: [NO_DEMO] },
      ],
      latestId: 2,
    });
  });

  it('should filter by cluster, outcome and cursor, and keep the newest `limit`', async () => {
    for (let i = 0; i < 6; i++) server.ctx.decisions.record(decision({ cluster: i % 2 ? 'other' : 'demo', outcome: i % 3 ? 'allowed' : 'denied' }));
    expect(idsOf((await get('/_eksid/events?cluster=demo')).body)).toEqual([1, 3, 5]);
    expect(idsOf((await get('/_eksid/events?denied=true')).body)).toEqual([1, 4]);
    expect(idsOf((await get('/_eksid/events?denied=false')).body)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(idsOf((await get('/_eksid/events?after=4')).body)).toEqual([5, 6]);
    expect(idsOf((await get('/_eksid/events?limit=2')).body)).toEqual([5, 6]);
    expect(idsOf((await get('/_eksid/events?cluster=other&denied=true&after=1&limit=10000')).body)).toEqual([4]);
    expect((await get('/_eksid/events?cluster=nope')).body).toEqual({ events: [], latestId: 6 });
  });

  it.each([
    ['after=-1', "after must be a whole number from 0 to 9007199254740991, got '-1'"],
    ['after=x', "after must be a whole number from 0 to 9007199254740991, got 'x'"],
    ['after=', "after must be a whole number from 0 to 9007199254740991, got ''"],
    ['limit=0', "limit must be a whole number from 1 to 10000, got '0'"],
    ['limit=10001', "limit must be a whole number from 1 to 10000, got '10001'"],
    ['limit=1.5', "limit must be a whole number from 1 to 10000, got '1.5'"],
    ['limit=1e3', "limit must be a whole number from 1 to 10000, got '1e3'"],
    ['denied=yes', "denied must be true or false, got 'yes'"],
    ['cluster=', 'cluster must not be empty'],
    ['after=1&after=2', 'after must be given at most once'],
  ])('should refuse ?%s with 400 InvalidParameterException', async (query, message) => {
    expect(await get(`/_eksid/events?${query}`)).toEqual({ status: 400, errorType: 'InvalidParameterException', body: { message } });
  });
});

describe('POST /_eksid/events', () => {
  it('should record agent and webhook decisions, dating undated ones now', async () => {
    const sent = [
      { source: 'agent', action: 'GetCredentials', outcome: 'denied', time: '2026-03-01T11:30:00Z', cluster: 'demo', errorCode: 'AccessDeniedException', trace: [{ ok: false, text: 'no association' }], detail: { status: 403 } },
      { source: 'webhook', action: 'Mutate', outcome: 'allowed', namespace: 'default', serviceAccount: 'app' },
    ];
    expect(await post({ events: sent })).toEqual({ status: 200, errorType: null, body: { recorded: 2 } });
    const { body } = await get('/_eksid/events');
    expect(body['events']).toEqual([
      {
        id: 1, time: '2026-03-01T11:30:00.000Z', source: 'agent', action: 'GetCredentials', outcome: 'denied', caller: null, cluster: 'demo', namespace: null, serviceAccount: null, role: null,
        errorCode: 'AccessDeniedException', errorMessage: null, trace: [{ ok: false, text: 'no association' }], detail: { status: 403 },
        hints: [NO_DEMO],
      },
      { id: 2, time: '2026-03-01T12:00:00.000Z', source: 'webhook', action: 'Mutate', outcome: 'allowed', caller: null, cluster: null, namespace: 'default', serviceAccount: 'app', role: null, errorCode: null, errorMessage: null, trace: [], detail: {}, hints: [] },
    ]);
  });

  it.each([
    [{ events: [{ source: 'sts', action: 'AssumeRole', outcome: 'allowed' }] }, 'events[0].source must be "agent" or "webhook" (sts and eks-auth decisions are recorded by the server itself)'],
    [{ events: [{ source: 'agent', action: 'GetCredentials', outcome: 'allowed' }, { source: 'agent', action: 'GetCredentials', outcome: 'ok' }] }, 'events[1].outcome must be "allowed" or "denied"'],
    [{ events: [{ source: 'agent', action: 'GetCredentials', outcome: 'allowed', detail: { pad: 'x'.repeat(9000) } }] }, 'events[0].detail must be at most 8192 bytes as JSON, got 9010'],
    [{ events: Array.from({ length: 501 }, () => ({ source: 'agent', action: 'A', outcome: 'allowed' })) }, 'events must have at most 500 events per request, got 501'],
    [{}, 'The request body must be a JSON object {"events": [...]}'],
  ])('should refuse %j with 400 InvalidParameterException and record nothing', async (body, message) => {
    expect(await post(body)).toEqual({ status: 400, errorType: 'InvalidParameterException', body: { message } });
    expect((await get('/_eksid/events')).body).toEqual({ events: [], latestId: 0 });
  });

  it('should refuse a body that is not JSON with 400 SerializationException', async () => {
    expect(await post('{"events": [')).toMatchObject({ status: 400, errorType: 'SerializationException' });
  });
});

describe('the trail under a flood of reported events', () => {
  it('should keep every decision eksid made itself: reporters only push out their own', async () => {
    server.ctx.decisions.record(decision({ source: 'sts' }));
    server.ctx.decisions.record(decision({ source: 'eks-auth', action: 'AssumeRoleForPodIdentity' }));
    // The probe of issue 17: 21 batches of 500, more than the whole trail keeps (10 000).
    const batch = { events: Array.from({ length: 500 }, () => ({ source: 'agent', action: 'GetCredentials', outcome: 'allowed', time: '2026-03-01T11:00:00Z' })) };
    for (let i = 0; i < 21; i++) expect((await post(batch)).status).toBe(200);
    server.ctx.decisions.prune();
    const sources = server.ctx.store.decisionEvents.list({ limit: 10_000 }).map((e) => e.source);
    expect(sources.slice(0, 2)).toEqual(['sts', 'eks-auth']);
    expect(sources.filter((s) => s === 'agent')).toHaveLength(2_500);
  });
});
