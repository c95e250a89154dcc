import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DecisionEventInput } from '@eksid/core';
import { sampleDecision } from '@eksid/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../program.js';
import type { RunningEksidServer } from '@eksid/server';
import { eventually, memoryIo, startTestServer } from '../test-support.js';

// Port 9 (discard): nothing listens there, so connecting is refused at once.
const DEAD = 'http://127.0.0.1:9';
const ROLE = 'arn:aws:iam::000000000000:role/app';

let eksid: RunningEksidServer;
/** Streams the server is feeding now: subscriptions to its log minus unsubscriptions. */
let streaming = 0;
beforeAll(async () => {
  eksid = await startTestServer();
  const subscribe = eksid.ctx.decisions.subscribe.bind(eksid.ctx.decisions);
  eksid.ctx.decisions.subscribe = (listener) => {
    streaming++;
    const unsubscribe = subscribe(listener);
    return () => {
      streaming--;
      unsubscribe();
    };
  };
});
afterAll(() => eksid.close());
beforeEach(() => {
  eksid.ctx.store.db.exec('DELETE FROM decision_events');
});

function decision(over: Partial<DecisionEventInput> = {}): DecisionEventInput {
  return sampleDecision({
    time: new Date('2026-03-01T12:00:00.123Z'),
    role: ROLE,
    trace: [{ ok: null, text: 'token from issuer demo' }, { ok: true, text: 'signature verified' }],
    ...over,
  });
}
/** This server has no clusters: the hint a denied decision about cluster demo gets when read. */
const NO_DEMO = 'there is no cluster "demo" in account 000000000000 (it has none): check the node agent\'s --cluster, or create the cluster (eksid apply, aws eks create-cluster --name demo)';
const denied = (over: Partial<DecisionEventInput> = {}) =>
  decision({ outcome: 'denied', errorCode: 'AccessDenied', errorMessage: 'Not authorized', trace: [{ ok: true, text: 'signature verified' }, { ok: false, text: 'aud "sts" not in client ids' }], ...over });

async function events(args: string[], env: Record<string, string> = {}, tty = false) {
  const io = { ...memoryIo({ EKSID_ADMIN_TOKEN: eksid.ctx.adminToken, ...env }), stdoutIsTty: tty };
  const code = await run(['events', '--endpoint', eksid.url, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('eksid events', () => {
  it('should print each decision on one line, with the trace and hints of denied ones beneath', async () => {
    eksid.ctx.decisions.record(decision());
    eksid.ctx.decisions.record(denied());
    eksid.ctx.decisions.record(decision({ source: 'webhook', action: 'Mutate', caller: null, cluster: null, namespace: null, serviceAccount: null, role: null, trace: [] }));
    expect(await events([])).toEqual({
      code: 0,
      err: '',
      out: [
        `2026-03-01T12:00:00Z  ALLOWED  sts AssumeRoleWithWebIdentity  demo default/app → ${ROLE}`,
        `2026-03-01T12:00:00Z  DENIED   sts AssumeRoleWithWebIdentity  demo default/app → ${ROLE}  AccessDenied`,
        '    ✓ signature verified',
        '    ✗ aud "sts" not in client ids',
        `    hint: ${NO_DEMO}`,
        '2026-03-01T12:00:00Z  ALLOWED  webhook Mutate',
        '',
      ].join('\n'),
    });
  });

  it('should show every trace with --trace, and a refusal with no trace by its message', async () => {
    eksid.ctx.decisions.record(decision());
    eksid.ctx.decisions.record(denied({ source: 'agent', action: 'GetCredentials', namespace: null, caller: 'default/app-1', trace: [] }));
    expect((await events(['--trace'])).out).toBe(
      [
        `2026-03-01T12:00:00Z  ALLOWED  sts AssumeRoleWithWebIdentity  demo default/app → ${ROLE}`,
        '    · token from issuer demo',
        '    ✓ signature verified',
        `2026-03-01T12:00:00Z  DENIED   agent GetCredentials  demo default/app-1 → ${ROLE}  AccessDenied`,
        '    ✗ Not authorized',
        `    hint: ${NO_DEMO}`,
        '',
      ].join('\n'),
    );
  });

  it('should select by --cluster, --denied and --limit', async () => {
    for (let i = 0; i < 6; i++) eksid.ctx.decisions.record(i % 2 ? denied({ action: `A${i}` }) : decision({ action: `A${i}`, cluster: 'other' }));
    const actions = (out: string) => out.split('\n').filter((l) => l.startsWith('2026')).map((l) => /(A\d)/.exec(l)?.[1]);
    expect(actions((await events(['--limit', '2'])).out)).toEqual(['A4', 'A5']);
    expect(actions((await events(['--cluster', 'other'])).out)).toEqual(['A0', 'A2', 'A4']);
    expect(actions((await events(['--denied', '--limit', '2'])).out)).toEqual(['A3', 'A5']);
  });

  it('should print NDJSON with --json', async () => {
    eksid.ctx.decisions.record(decision());
    eksid.ctx.decisions.record(denied());
    const lines = (await events(['--json'])).out.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { ...decision(), id: expect.any(Number), time: '2026-03-01T12:00:00.123Z', hints: [] },
      { ...denied(), id: expect.any(Number), time: '2026-03-01T12:00:00.123Z', hints: [NO_DEMO] },
    ]);
  });

  it('should colour a terminal (red denied, green allowed, dim facts) unless NO_COLOR is set', async () => {
    eksid.ctx.decisions.record(decision());
    eksid.ctx.decisions.record(denied());
    const coloured = (await events(['--trace'], {}, true)).out;
    expect(coloured).toContain('\x1b[1m\x1b[32mALLOWED\x1b[39m\x1b[22m');
    expect(coloured).toContain('\x1b[1m\x1b[31mDENIED \x1b[39m\x1b[22m');
    expect(coloured).toContain('\x1b[2m    · token from issuer demo\x1b[22m');
    expect(coloured).toContain('    \x1b[31m✗\x1b[39m aud "sts" not in client ids');
    expect((await events(['--trace'], { NO_COLOR: '1' }, true)).out).not.toContain('\x1b[');
    expect((await events(['--trace'], {}, false)).out).not.toContain('\x1b[');
  });

  it('should show control characters in reported text escaped, never raw', async () => {
    eksid.ctx.decisions.record(denied({ role: 'evil\x1b[2Jrole', trace: [{ ok: false, text: 'line\nbreak' }] }));
    const { out } = await events([], {}, true);
    expect(out).toContain('evil\\u001b[2Jrole');
    expect(out).toContain('line\\u000abreak');
  });

  it('should follow: print the latest, then live decisions, and stop on the stop signal', async () => {
    eksid.ctx.decisions.record(decision({ action: 'Before' }));
    const io = memoryIo({ EKSID_ADMIN_TOKEN: eksid.ctx.adminToken });
    const exit = run(['events', '--follow', '--denied', '--endpoint', eksid.url], io);
    // Decide only once the stream is open: a decision made before would be in the first page.
    await eventually(() => (streaming === 1 ? true : undefined));
    eksid.ctx.decisions.record(decision({ action: 'AllowedLive' }));
    eksid.ctx.decisions.record(denied({ action: 'DeniedLive' }));
    await eventually(() => (io.out().includes('DeniedLive') ? true : undefined));
    io.stop('SIGINT');
    expect(await exit).toBe(0);
    expect(io.out()).not.toMatch(/Before|AllowedLive/);
    expect(io.err()).toBe('');
    await eventually(() => (streaming === 0 ? true : undefined));
  });

  it('should say how many events it skipped when the server pruned them before it read them, and go on', async () => {
    eksid.ctx.decisions.record(decision({ action: 'First' }));
    // Between the first page and the stream, five decisions are made and the trail keeps only
    // the newest two: the three before them are gone before this follower could read them.
    const log = eksid.ctx.decisions;
    const latestId = log.latestId.bind(log);
    vi.spyOn(log, 'latestId').mockImplementationOnce(() => {
      const latest = latestId();
      for (let i = 2; i <= 6; i++) log.record(decision({ action: `A${i}` }));
      log.flush();
      // Pruned by count alone: these decisions are dated in the past of the server's real clock.
      eksid.ctx.store.decisionEvents.prune({ maxCount: 2, maxAgeSeconds: 100 * 365 * 86_400 }, eksid.ctx.deps.clock.now());
      return latest;
    });
    const io = memoryIo({ EKSID_ADMIN_TOKEN: eksid.ctx.adminToken });
    const exit = run(['events', '--follow', '--endpoint', eksid.url], io);
    await eventually(() => (io.out().includes('A6') ? true : undefined));
    io.stop('SIGINT');
    expect(await exit).toBe(0);
    expect(io.out().split('\n').map((l) => /(First|A\d)/.exec(l)?.[1]).filter(Boolean)).toEqual(['First', 'A5', 'A6']);
    expect(io.err()).toBe('eksid: fell behind: skipped 3 events (pruned from the trail before they were read)\n');
  });

  it.each([
    [['--limit', '0'], "eksid: option '--limit <n>' argument '0' is invalid. expected a whole number greater than 0."],
    [['--limit', '10001'], "eksid: option '--limit <n>' argument '10001' is invalid. expected at most 10000."],
    [['--limit', 'all'], "eksid: option '--limit <n>' argument 'all' is invalid. expected a whole number."],
    [['--endpoint', 'nope'], "eksid: invalid endpoint 'nope': expected a URL like http://127.0.0.1:4599"],
  ])('should refuse %j as a usage error in one line, exit 2', async (args, line) => {
    const io = memoryIo();
    expect(await run(['events', ...args], io)).toBe(2);
    expect(io.err()).toBe(`${line}\n`);
  });

  it.each([[[]], [['--follow']]])('should exit 1 with one line when the server is unreachable: %j', async (args) => {
    const io = memoryIo();
    expect(await run(['events', '--endpoint', DEAD, ...args], io)).toBe(1);
    expect(io.err()).toBe(`eksid: cannot reach ${DEAD} (is \`eksid up\` running?)\n`);
  });

  it('should wait as told and retry when the server serves all the streams it can (503)', async () => {
    const sent = JSON.stringify({ ...decision({ action: 'Event6' }), id: 6, time: '2026-03-01T12:00:00.000Z' });
    let streams = 0;
    const server = createServer((req, res) => {
      if (new URL(req.url ?? '/', 'http://x').pathname === '/_eksid/events') {
        res.setHeader('content-type', 'application/json').end(JSON.stringify({ events: [], latestId: 5 }));
        return;
      }
      if (++streams <= 2) {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' }).end(JSON.stringify({ message: 'eksid serves at most 64 event streams at once' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`: connected\n\nid: 6\nevent: decision\ndata: ${sent}\n\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const io = memoryIo();
      const exit = run(['events', '-f', '--endpoint', endpoint], io);
      await eventually(() => (io.out().includes('Event6') ? true : undefined));
      io.stop();
      expect(await exit).toBe(0);
      expect(io.err()).toBe(`eksid: eksid serves at most 64 event streams at once; retrying (Ctrl-C to stop)\neksid: reconnected to ${endpoint}\n`);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('should reconnect with Last-Event-ID when the server drops the stream, saying so once', async () => {
    const sent = (id: number) => JSON.stringify({ ...decision({ action: `Event${id}` }), id, time: '2026-03-01T12:00:00.000Z' });
    const seen: string[] = [];
    let streams = 0;
    // After the first stream, the server is "down" (it hangs up on every request) until the test says otherwise.
    let down = false;
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/_eksid/events') {
        res.setHeader('content-type', 'application/json').end(JSON.stringify({ events: [], latestId: 5 }));
        return;
      }
      if (down) {
        req.socket.destroy();
        return;
      }
      seen.push(`after=${url.searchParams.get('after')} last-event-id=${req.headers['last-event-id']}`);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (++streams === 1) {
        down = true;
        res.end(`: connected\n\nid: 6\nevent: decision\ndata: ${sent(6)}\n\n`);
      } else {
        res.write(`: connected\n\nid: 7\nevent: decision\ndata: ${sent(7)}\n\n`);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const io = memoryIo();
      const exit = run(['events', '-f', '--endpoint', endpoint], io);
      await eventually(() => (io.err() ? true : undefined));
      expect(io.out()).toContain('Event6');
      expect(io.err()).toBe(`eksid: cannot reach ${endpoint}; retrying until it is back (Ctrl-C to stop)\n`);
      down = false;
      await eventually(() => (io.out().includes('Event7') ? true : undefined));
      io.stop();
      expect(await exit).toBe(0);
      expect(seen).toEqual(['after=5 last-event-id=5', 'after=6 last-event-id=6']);
      expect(io.err()).toBe(`eksid: cannot reach ${endpoint}; retrying until it is back (Ctrl-C to stop)\neksid: reconnected to ${endpoint}\n`);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
