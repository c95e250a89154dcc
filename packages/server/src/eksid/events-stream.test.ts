import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_HEADERS, startTestServer } from '../test-server.js';
import type { TestServer } from '../test-server.js';
import { streamEvents } from './events-stream.js';
import { decision, openStream } from './events-test-support.js';
import type { SseStream } from './events-test-support.js';

let server: TestServer;
let streams: SseStream[];
/** Listeners this test's log holds now: subscriptions minus unsubscriptions. */
let listening: { count: number };

beforeEach(async () => {
  server = await startTestServer();
  streams = [];
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
  await server.close();
});

async function stream(query = '', headers: Record<string, string> = {}): Promise<SseStream> {
  const opened = await openStream(`${server.url}/_eksid/events/stream${query}`, { ...ADMIN_HEADERS, ...headers });
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

  it('should let go of its listener when the client goes away, and keep recording', async () => {
    const opened = await stream();
    const other = await stream();
    expect(listening.count).toBe(2);
    opened.close();
    await eventually(() => listening.count === 1);
    server.ctx.decisions.record(decision());
    expect(parsed(await other.next())).toEqual(message(1));
  });

  it('should drop a client that stops reading rather than buffer for it without bound', async () => {
    await stream();
    for (let i = 0; i < 10; i++) server.ctx.decisions.record(decision({ trace: [{ ok: null, text: 'x'.repeat(1024 * 1024) }] }));
    server.ctx.decisions.flush();
    await eventually(() => listening.count === 0);
  });

  it.each([
    ['?after=x', {}, "after must be a whole number from 0 to 9007199254740991, got 'x'"],
    ['?denied=1', {}, "denied must be true or false, got '1'"],
    ['', { 'last-event-id': 'abc' }, "Last-Event-ID must be a whole number from 0 to 9007199254740991, got 'abc'"],
  ])('should refuse %s %j with a 400 rest-json error instead of a stream', async (query, headers, text) => {
    const res = await fetch(`${server.url}/_eksid/events/stream${query}`, { headers: { ...ADMIN_HEADERS, ...headers } });
    expect([res.status, res.headers.get('x-amzn-errortype'), await res.json()]).toEqual([400, 'InvalidParameterException', { message: text }]);
    expect(listening.count).toBe(0);
  });

  it('should send a keepalive comment on a quiet stream', async () => {
    const app = express().get('/stream', streamEvents(server.ctx, 20));
    const http = createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    try {
      const opened = await openStream(`http://127.0.0.1:${(http.address() as AddressInfo).port}/stream`);
      streams.push(opened);
      expect(await opened.next()).toBe(': connected');
      expect(await opened.next()).toBe(': keepalive');
      expect(await opened.next()).toBe(': keepalive');
    } finally {
      http.closeAllConnections();
      http.close();
    }
  });
});
