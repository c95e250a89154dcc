import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookCertificates } from '../packages/webhook/src/index.js';
import type { WebhookCertificates } from '../packages/webhook/src/index.js';
import { openLoad, runLoad } from './load.js';

// Real loopback servers, short runs: each case is about framing and counting, not speed.
const SECONDS = 0.2;
const servers: Array<{ server: Server; sockets: Set<Socket> }> = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map(stop));
});

function stop({ server, sockets }: { server: Server; sockets: Set<Socket> }): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

interface Listening {
  url: string;
  /** TCP connections the server accepted. */
  connections: () => number;
}

async function listen(server: Server, scheme = 'http'): Promise<Listening> {
  let connections = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => sockets.add(socket.on('close', () => sockets.delete(socket))));
  server.on(scheme === 'https' ? 'secureConnection' : 'connection', () => connections++);
  servers.push({ server, sockets });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

function httpServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listening> {
  return listen(createHttpServer(handler));
}

/** A server that writes `response` raw for every request head it reads (GET, no body). */
function rawServer(respond: (socket: Socket) => void): Promise<Listening> {
  return listen(
    createNetServer((socket) => {
      socket.setNoDelay(true);
      let pending = '';
      socket.on('data', (chunk: Buffer) => {
        pending += chunk.toString('latin1');
        for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
          pending = pending.slice(end + 4);
          respond(socket);
        }
      });
      socket.on('error', () => undefined);
    }),
  );
}

/** Writes `bytes` one byte per write, yielding between writes so each lands in its own read. */
async function writeByteByByte(socket: Socket, bytes: string): Promise<void> {
  for (const byte of Buffer.from(bytes)) {
    if (socket.destroyed) return;
    socket.write(Buffer.of(byte));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Polls until `done` holds; the server may accept a connection after the client saw it open. */
async function eventually(done: () => boolean): Promise<void> {
  const deadline = performance.now() + 1000;
  while (!done()) {
    if (performance.now() > deadline) throw new Error('condition not met within 1 s');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('runLoad', () => {
  it('sends the serialized request as given and counts content-length responses', async () => {
    const seen: string[] = [];
    const server = await httpServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers.host} ${req.headers['content-type']} ${req.headers['content-length']} ${body}`);
        res.end('{"ok":true}');
      });
    });
    const result = await runLoad({ url: `${server.url}/path?q=1`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"é":1}', concurrency: 4, seconds: SECONDS });
    expect(result.errors).toBe(0);
    expect(result.requests).toBeGreaterThan(10);
    expect(seen.length).toBeGreaterThanOrEqual(result.requests);
    expect(new Set(seen)).toEqual(new Set([`POST /path?q=1 ${new URL(server.url).host} application/json 8 {"é":1}`]));
    expect(server.connections()).toBe(4);
    // rps is over the measured window, which the deadline timer ends SECONDS later or a bit more.
    expect(result.rps).toBeGreaterThan(0);
    expect(result.rps).toBeLessThan((result.requests / SECONDS) * 1.05);
  });

  it('frames chunked bodies written in several pieces', async () => {
    const server = await httpServer((_req, res) => {
      res.write('first,');
      res.write('second,');
      res.end('last');
    });
    const result = await runLoad({ url: server.url, method: 'GET', concurrency: 2, seconds: SECONDS });
    expect(result.errors).toBe(0);
    expect(result.requests).toBeGreaterThan(10);
    expect(server.connections()).toBe(2);
  });

  const responses = [
    ['content-length', 'HTTP/1.1 200 OK\r\nCONTENT-length: 5\r\n\r\nhello'],
    ['chunked with extensions and trailers', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n'],
    ['no body (204)', 'HTTP/1.1 204 No Content\r\n\r\n'],
  ];
  it.each(responses)('frames a %s response written at once', async (_name, response) => {
    const server = await rawServer((socket) => socket.write(response as string));
    const result = await runLoad({ url: server.url, method: 'GET', concurrency: 2, seconds: SECONDS, expectStatus: response?.includes(' 204 ') ? 204 : 200 });
    expect(result.errors).toBe(0);
    expect(result.requests).toBeGreaterThan(10);
    expect(server.connections()).toBe(2);
  });

  it.each(responses)('frames a %s response split byte by byte', async (_name, response) => {
    const server = await rawServer((socket) => void writeByteByByte(socket, response as string));
    const result = await runLoad({ url: server.url, method: 'GET', concurrency: 2, seconds: SECONDS, expectStatus: response?.includes(' 204 ') ? 204 : 200 });
    expect(result.errors).toBe(0);
    expect(result.requests).toBeGreaterThan(2);
    expect(server.connections()).toBe(2);
  });

  it('treats bytes past the response as a broken connection', async () => {
    // Two responses to one request: the second answers nothing, the framing is lost.
    const response = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    const server = await rawServer((socket) => socket.write(response + response));
    const result = await runLoad({ url: server.url, method: 'GET', concurrency: 1, seconds: SECONDS });
    expect(result.requests).toBe(0);
    expect(result.errors).toBeGreaterThan(0);
    expect(server.connections()).toBeGreaterThan(1);
  });

  it('reconnects when the server closes the connection after each response', async () => {
    const server = await httpServer((_req, res) => {
      res.setHeader('connection', 'close');
      res.end('bye');
    });
    const result = await runLoad({ url: server.url, method: 'GET', concurrency: 2, seconds: SECONDS });
    expect(result.errors).toBe(0);
    expect(result.requests).toBeGreaterThan(10);
    expect(server.connections()).toBeGreaterThanOrEqual(result.requests);
  });

  it('reads an HTTP/1.0 body that ends with the connection', async () => {
    const server = await rawServer((socket) => socket.end('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end'));
    const result = await runLoad({ url: server.url, method: 'GET', concurrency: 2, seconds: SECONDS });
    expect(result.errors).toBe(0);
    expect(result.requests).toBeGreaterThan(10);
  });

  it('counts responses with another status than expected as errors', async () => {
    const server = await httpServer((_req, res) => {
      res.statusCode = 503;
      res.end('busy');
    });
    const failing = await runLoad({ url: server.url, method: 'GET', concurrency: 2, seconds: SECONDS });
    expect(failing.requests).toBeGreaterThan(10);
    expect(failing.errors).toBe(failing.requests);
    const expected = await runLoad({ url: server.url, method: 'GET', concurrency: 2, seconds: SECONDS, expectStatus: 503 });
    expect(expected.errors).toBe(0);
  });

  it('measures latency in real time', async () => {
    const server = await httpServer((_req, res) => void setTimeout(() => res.end('late'), 20));
    const result = await runLoad({ url: server.url, method: 'GET', concurrency: 2, seconds: SECONDS });
    expect(result.p50ms).toBeGreaterThanOrEqual(19);
    expect(result.p50ms).toBeLessThan(200);
    expect(result.p99ms).toBeGreaterThanOrEqual(result.p50ms);
  });

  it('ends at its deadline when the server stops answering, counting timeouts', async () => {
    const server = await rawServer(() => undefined);
    const started = performance.now();
    const result = await runLoad({ url: server.url, method: 'GET', concurrency: 2, seconds: 0.5, timeoutMs: 100 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(result.requests).toBe(0);
    expect(Number.isNaN(result.p50ms)).toBe(true);
    // Each connection times out, reconnects and times out again: a few errors, not thousands.
    expect(result.errors).toBeGreaterThanOrEqual(2);
    expect(result.errors).toBeLessThan(20);
  });

  it('ends at its deadline with bounded errors when nothing listens', async () => {
    const server = await httpServer((_req, res) => res.end());
    const url = server.url;
    await Promise.all(servers.splice(0).map(stop));
    const started = performance.now();
    const result = await runLoad({ url, method: 'GET', concurrency: 2, seconds: 0.5 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(result.requests).toBe(0);
    // Backoff 10, 20, 40 … ms per connection: about 6 refused connects each in 0.5 s.
    expect(result.errors).toBeGreaterThanOrEqual(2);
    expect(result.errors).toBeLessThan(30);
  });
});

describe('openLoad', () => {
  it('connects before the clock starts and reuses the connections across runs', async () => {
    const server = await httpServer((_req, res) => res.end('ok'));
    const load = await openLoad({ url: server.url, method: 'GET', concurrency: 3 });
    try {
      await eventually(() => server.connections() === 3);
      const warmUp = await load.run(SECONDS);
      const measured = await load.run(SECONDS);
      expect(warmUp.requests).toBeGreaterThan(10);
      expect(measured.requests).toBeGreaterThan(10);
      expect(measured.errors).toBe(0);
      expect(server.connections()).toBe(3);
    } finally {
      load.close();
    }
  });

  it('rejects a concurrency that is not a positive integer', async () => {
    await expect(openLoad({ url: 'http://127.0.0.1:1', method: 'GET', concurrency: 0 })).rejects.toThrow(TypeError);
  });
});

describe('runLoad over https', () => {
  let certs: WebhookCertificates;
  beforeAll(() => {
    certs = generateWebhookCertificates({ serviceName: 'bench', namespace: 'default', now: new Date() });
  });

  it('trusts the given CA for a certificate naming 127.0.0.1', async () => {
    const server = await listen(createHttpsServer({ cert: certs.cert, key: certs.key }, (_req, res) => res.end('secure')), 'https');
    const result = await runLoad({ url: server.url, method: 'POST', body: '{}', concurrency: 2, seconds: SECONDS, ca: certs.caCert });
    expect(result.errors).toBe(0);
    expect(result.requests).toBeGreaterThan(10);
    expect(server.connections()).toBe(2);
  });

  it('counts errors, not responses, when the certificate is not trusted', async () => {
    const server = await listen(createHttpsServer({ cert: certs.cert, key: certs.key }, (_req, res) => res.end('secure')), 'https');
    const result = await runLoad({ url: server.url, method: 'GET', concurrency: 2, seconds: SECONDS });
    expect(result.requests).toBe(0);
    expect(result.errors).toBeGreaterThan(0);
  });
});
