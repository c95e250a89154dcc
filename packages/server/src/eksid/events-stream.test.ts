import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_HEADERS, startTestServer } from '../test-server.js';
import type { TestServer } from '../test-server.js';
import { streamEvents } from './events-stream.js';
import { decision, openStream, requestStream } from './events-test-support.js';
import type { SseStream } from './events-test-support.js';

let server: TestServer;
let streams: SseStream[];
let closers: (() => void)[];
/** Listeners this test's log holds now: subscriptions minus unsubscriptions. */
let listening: { count: number };

beforeEach(async () => {
  server = await startTestServer();
  streams = [];
  closers = [];
  // Counted around the real subscribe (a fresh log per test, so nothing to restore). A counter
  // per test: the previous test's streams may still be closing.
  const counter = { count: 0 };
  listening = counter;
  const subscribe = server.ctx.decisions.subscribe.bind(server.ctx.decisions);
  server.ctx.decisions.subscribe = (listener) => {
    counter.count++;
    const unsubscribe = subscribe(listener);
    return () => {
      counter.count--;
      unsubscribe();
    };
  };
});
afterEach(async () => {
  for (const stream of streams) stream.close();
  for (const close of closers) close();
  await server.close();
});

async function stream(query = '', headers: Record<string, string> = {}, url = `${server.url}/_eksid/events/stream`): Promise<SseStream> {
  const opened = await openStream(`${url}${query}`, { ...ADMIN_HEADERS, ...headers });
  streams.push(opened);
  expect(await opened.next()).toBe(': connected');
  return opened;
}

async function eventually(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A `decision` message as the stream should send it; compared parsed, as key order is no part of JSON. */
const message = (id: number, over: Parameters<typeof decision>[0] = {}, hints: string[] = []) => ({ id: String(id), event: 'decision', data: { ...decision(over), id, time: '2026-03-01T11:00:00.000Z', hints } });
/** The test server has no clusters: what a denied decision about cluster demo is told. */
const NO_DEMO = 'there is no cluster "demo" in account 000000000000 (it has none): check the node agent\'s --cluster, or create the cluster (eksid apply, aws eks create-cluster --name demo)';

function parsed(block: string): { id: string; event: string; data: unknown } {
  const match = /^id: (\d+)\nevent: (\w+)\ndata: (.*)$/.exec(block);
  if (!match) throw new Error(`not a decision message: ${block}`);
  return { id: match[1] as string, event: match[2] as string, data: JSON.parse(match[3] as string) };
}

describe('GET /_eksid/events/stream', () => {
  it('should open an event stream at once, unbuffered and uncached', async () => {
    const opened = await stream();
    expect(opened.response.status).toBe(200);
    expect(opened.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(opened.response.headers.get('cache-control')).toBe('no-cache');
    expect(opened.response.headers.get('x-accel-buffering')).toBe('no');
  });

  it('should send only new decisions when no cursor is given', async () => {
    server.ctx.decisions.record(decision({ action: 'Old' }));
    const opened = await stream();
    server.ctx.decisions.record(decision({ action: 'New' }));
    expect(parsed(await opened.next())).toEqual(message(2, { action: 'New' }));
  });

  it('should replay stored decisions after `after`, then the live ones, in order', async () => {
    for (const action of ['A', 'B', 'C']) server.ctx.decisions.record(decision({ action }));
    const opened = await stream('?after=1');
    expect(parsed(await opened.next())).toEqual(message(2, { action: 'B' }));
    expect(parsed(await opened.next())).toEqual(message(3, { action: 'C' }));
    server.ctx.decisions.record(decision({ action: 'D' }));
    expect(parsed(await opened.next())).toEqual(message(4, { action: 'D' }));
  });

  it('should resume after Last-Event-ID, which wins over `after`', async () => {
    for (const action of ['A', 'B', 'C']) server.ctx.decisions.record(decision({ action }));
    const opened = await stream('?after=0', { 'last-event-id': '2' });
    expect(parsed(await opened.next())).toEqual(message(3, { action: 'C' }));
  });

  it('should replay everything to a cursor from before a restart with a fresh store', async () => {
    server.ctx.decisions.record(decision({ action: 'A' }));
    const opened = await stream('', { 'last-event-id': '9' });
    expect(parsed(await opened.next())).toEqual(message(1, { action: 'A' }));
  });

  it('should filter replayed and live decisions by cluster and outcome', async () => {
    const denied = { outcome: 'denied' as const, errorCode: 'AccessDenied', errorMessage: 'no' };
    server.ctx.decisions.record(decision({ cluster: 'demo', ...denied }));
    server.ctx.decisions.record(decision({ cluster: 'other', ...denied }));
    server.ctx.decisions.record(decision({ cluster: 'demo' }));
    const opened = await stream('?cluster=demo&denied=true&after=0');
    expect(parsed(await opened.next())).toEqual(message(1, { cluster: 'demo', ...denied }, [NO_DEMO]));
    server.ctx.decisions.record(decision({ cluster: 'other', ...denied }));
    server.ctx.decisions.record(decision({ cluster: 'demo' }));
    server.ctx.decisions.record(decision({ cluster: 'demo', action: 'Live', ...denied }));
    expect(parsed(await opened.next())).toEqual(message(6, { cluster: 'demo', action: 'Live', ...denied }, [NO_DEMO]));
  });

  it('should deliver decisions ingested over HTTP', async () => {
    const opened = await stream();
    await fetch(`${server.url}/_eksid/events`, { method: 'POST', headers: ADMIN_HEADERS, body: JSON.stringify({ events: [{ source: 'agent', action: 'GetCredentials', outcome: 'allowed', time: '2026-03-01T11:00:00Z' }] }) });
    expect(await opened.next()).toMatch(/^id: 1\nevent: decision\ndata: \{"time":"2026-03-01T11:00:00.000Z","source":"agent","action":"GetCredentials",/);
  });

  it('should feed every stream from one listener, and let go of it when the last client goes away', async () => {
    const opened = await stream();
    const other = await stream();
    expect(listening.count).toBe(1);
    opened.close();
    server.ctx.decisions.record(decision());
    expect(parsed(await other.next())).toEqual(message(1));
    other.close();
    await eventually(() => listening.count === 0);
  });

  it('should send a follower from after=0 all of an 8,000-decision trail, in order', async () => {
    // About 10 MB of messages: more than any one write should hold.
    const trace = [{ ok: true, text: 'x'.repeat(1_000) }];
    for (let i = 0; i < 8_000; i++) server.ctx.decisions.record(decision({ trace }));
    const opened = await stream('?after=0');
    const ids: number[] = [];
    for (let i = 0; i < 8_000; i++) ids.push(Number(parsed(await opened.next()).id));
    expect(ids).toEqual(Array.from({ length: 8_000 }, (_, i) => i + 1));
  });

  it('should catch up a client that stopped reading for a while, rather than drop it', async () => {
    const opened = await stream();
    const trace = [{ ok: null, text: 'x'.repeat(256 * 1024) }];
    for (let i = 0; i < 40; i++) server.ctx.decisions.record(decision({ trace }));
    server.ctx.decisions.flush();
    // Not reading while 10 MB are decided: the server must wait for this client, not cut it.
    await new Promise((resolve) => setImmediate(resolve));
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(parsed(await opened.next()).id);
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1)));
  });

  it('should tell a follower how many decisions were pruned before it read them, then go on after the gap', async () => {
    for (let i = 0; i < 10; i++) server.ctx.decisions.record(decision({ action: `A${i + 1}` }));
    server.ctx.decisions.flush();
    server.ctx.store.decisionEvents.prune({ maxCount: 4, maxAgeSeconds: 86_400 }, server.clock.now());
    const opened = await stream('?after=2');
    expect(await opened.next()).toBe('id: 6\nevent: skipped\ndata: {"skipped":4,"reason":"pruned"}');
    expect(parsed(await opened.next())).toEqual(message(7, { action: 'A7' }));
  });

  it.each([
    ['?after=x', {}, "after must be a whole number from 0 to 9007199254740991, got 'x'"],
    ['?denied=1', {}, "denied must be true or false, got '1'"],
    ['', { 'last-event-id': 'abc' }, "Last-Event-ID must be a whole number from 0 to 9007199254740991, got 'abc'"],
  ])('should refuse %s %j with a 400 rest-json error instead of a stream', async (query, headers, text) => {
    const res = await requestStream(`${server.url}/_eksid/events/stream${query}`, { ...ADMIN_HEADERS, ...headers });
    expect([res.status, res.headers.get('x-amzn-errortype'), await res.json()]).toEqual([400, 'InvalidParameterException', { message: text }]);
    expect(listening.count).toBe(0);
  });

  it('should send a keepalive comment on a quiet stream', async () => {
    const opened = await stream('', {}, await serve({ keepaliveMs: 20 }));
    expect(await opened.next()).toBe(': keepalive');
    expect(await opened.next()).toBe(': keepalive');
  });

  it.each([
    ['live, past the edge of the recent window', ''],
    ['from the store, then the window', '?after=0'],
  ])('should send every decision in order in pages: %s', async (_name, query) => {
    const url = await serve({ pageRows: 3, recentRows: 2 });
    const before = query === '' ? 0 : 7;
    for (let i = 0; i < before; i++) server.ctx.decisions.record(decision({ action: `A${i + 1}` }));
    const opened = await stream(query, {}, url);
    for (let i = before; i < 20; i++) server.ctx.decisions.record(decision({ action: `A${i + 1}` }));
    const actions: string[] = [];
    for (let i = 0; i < 20; i++) actions.push((parsed(await opened.next()).data as { action: string }).action);
    expect(actions).toEqual(Array.from({ length: 20 }, (_, i) => `A${i + 1}`));
  });

  it('should refuse a stream past the cap with 503, Retry-After and a JSON error, and serve one again once a stream closed', async () => {
    const url = await serve({ maxStreams: 2 });
    const first = await stream('', {}, url);
    await stream('', {}, url);
    const refused = await requestStream(url);
    expect(refused.status).toBe(503);
    expect([refused.status, refused.headers.get('retry-after'), refused.headers.get('x-amzn-errortype'), await refused.json()]).toEqual([
      503,
      '5',
      'ServiceUnavailableException',
      { message: 'eksid serves at most 2 event streams at once' },
    ]);
    first.close();
    const deadline = Date.now() + 5_000;
    for (;;) {
      const res = await requestStream(url);
      if (res.status === 200) {
        await res.body?.cancel();
        break;
      }
      await res.body?.cancel();
      if (Date.now() > deadline) throw new Error('no stream served again within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
});

/** The stream alone on its own loopback server, with the feed options a test needs; closed after the test. */
async function serve(options: Parameters<typeof streamEvents>[1]): Promise<string> {
  const http = createServer(express().get('/stream', streamEvents(server.ctx, options))).listen(0, '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  closers.push(() => {
    http.closeAllConnections();
    http.close();
  });
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/stream`;
}
