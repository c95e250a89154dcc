import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@eksid/core/log';
import { send } from '../testing/http.js';
import { listenOne } from './listen.js';
import type { Listener } from './listen.js';
import { createProbeListener } from './probe.js';

const quiet = await createLogger({ level: 'silent' });
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((c) => c()));
});

/** A stand-in credential listener that answers `/` with the given status, or never. */
async function target(status: number | 'hang'): Promise<string> {
  const server: Server = createServer((_req, res) => {
    if (status !== 'hang') res.writeHead(status).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => {
    server.close(() => r());
    server.closeAllConnections();
  }));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function probe(targets: string[], timeoutMs?: number): Promise<Listener> {
  const listener = await listenOne('127.0.0.1', 0, createProbeListener({ targets: () => targets, logger: quiet, ...(timeoutMs ? { timeoutMs } : {}) }));
  cleanup.push(() => listener.close());
  return listener;
}

describe('createProbeListener', () => {
  it('is healthy when every bind address answers 404', async () => {
    const p = await probe([await target(404), await target(404)]);
    expect((await send(`http://${p.hostport}/healthz`)).status).toBe(200);
  });

  it('is unhealthy (500) when an address answers anything else', async () => {
    const p = await probe([await target(404), await target(200)]);
    expect(await send(`http://${p.hostport}/readyz`)).toMatchObject({ status: 500, body: 'Internal Server Error occurred' });
  });

  it('is unhealthy (500) when an address refuses connections', async () => {
    const dead = await target(404);
    await cleanup.pop()?.();
    const p = await probe([dead]);
    expect((await send(`http://${p.hostport}/healthz`)).status).toBe(500);
  });

  it('answers 408 when the probe deadline passes', async () => {
    const p = await probe([await target('hang')], 100);
    expect((await send(`http://${p.hostport}/healthz`)).status).toBe(408);
  });
});
