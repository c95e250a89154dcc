import { connect as netConnect, isIP } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect, createSecureContext } from 'node:tls';
import type { SecureContext } from 'node:tls';
import { BAD, MORE, ResponseParser } from './response-parser.js';

/**
 * A closed-loop load generator on raw sockets: `concurrency` keep-alive HTTP/1.1 connections,
 * each sending its next request as soon as the last one answers. It shares the 2-core VM with
 * the server under test, so it must cost little: node's http client cost several times more
 * CPU per request and capped a bare server's throughput; serializing the request once and
 * framing responses on Buffers costs about what wrk does (docs/performance.md). Latencies are
 * kept in microseconds: autocannon records whole milliseconds, too coarse for the
 * sub-millisecond targets we track.
 */
export interface LoadResult {
  /** Responses received in the window, whatever their status (as wrk counts them). */
  requests: number;
  /** Responses with another status than expected, plus socket errors, timeouts and bad framing. */
  errors: number;
  rps: number;
  p50ms: number;
  p99ms: number;
}

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  concurrency: number;
  seconds: number;
  /** A response counts as success only with this status. */
  expectStatus?: number;
  /** CA to trust for https URLs (the webhook's generated one). */
  ca?: string;
  /** A request unanswered this long is an error and its connection is replaced (wrk's is 2 s). */
  timeoutMs?: number;
}

export interface OpenLoad {
  /** Runs the closed loop for `seconds`; requests still in flight at the end are not counted. */
  run(seconds: number): Promise<LoadResult>;
  close(): void;
}

/** Opens the connections, runs once, closes: handshakes stay outside the measured window. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const load = await openLoad(spec);
  try {
    return await load.run(spec.seconds);
  } finally {
    load.close();
  }
}

/**
 * Connects every socket before any clock starts: 32 TLS handshakes cost the webhook tens of
 * milliseconds of CPU, which used to land in the measured window. A warm-up and the measured
 * run then share these connections, as long-lived clients (the API server, SDKs) do.
 */
export async function openLoad(spec: Omit<LoadSpec, 'seconds'>): Promise<OpenLoad> {
  if (!Number.isInteger(spec.concurrency) || spec.concurrency < 1) throw new TypeError(`concurrency must be a positive integer, got ${spec.concurrency}`);
  const target = targetOf(spec);
  const tally = new Tally(spec.expectStatus ?? 200);
  const connections = Array.from({ length: spec.concurrency }, () => new Connection(target, tally));
  await Promise.all(connections.map((c) => c.opened));
  let running = false;
  return {
    async run(seconds) {
      if (running) throw new TypeError('one run at a time per openLoad');
      running = true;
      tally.begin();
      for (const c of connections) c.kick();
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      const result = tally.end((performance.now() - started) / 1000);
      running = false;
      return result;
    },
    close() {
      for (const c of connections) c.close();
    },
  };
}

interface Target {
  host: string;
  port: number;
  /** Set for https URLs; one context for all connections, so the CA is parsed once. */
  tls: SecureContext | undefined;
  /** The whole request, serialized once and written as is for every request. */
  request: Buffer;
  timeoutMs: number;
}

function targetOf(spec: Omit<LoadSpec, 'seconds'>): Target {
  const url = new URL(spec.url);
  const https = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body);
  const lines = [`${spec.method} ${url.pathname}${url.search} HTTP/1.1`];
  const headers = Object.entries(spec.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-length');
  if (!headers.some(([name]) => name.toLowerCase() === 'host')) lines.push(`Host: ${url.host}`);
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  // node's client sends Content-Length for any POST, 0 included; a GET without body has none.
  if (body !== undefined || spec.method === 'POST') lines.push(`Content-Length: ${body?.length ?? 0}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return {
    host,
    port: Number(url.port || (https ? 443 : 80)),
    tls: https ? createSecureContext(spec.ca === undefined ? {} : { ca: spec.ca }) : undefined,
    request: body ? Buffer.concat([head, body]) : head,
    timeoutMs: spec.timeoutMs ?? 2000,
  };
}

/** Counts of the current run; latencies in a Float64Array grown by doubling, kept across runs. */
class Tally {
  epoch = 0;
  running = false;
  private count = 0;
  private errors = 0;
  private latenciesUs = new Float64Array(1 << 16);

  constructor(private readonly expectStatus: number) {}

  begin(): void {
    this.epoch++;
    this.running = true;
    this.count = 0;
    this.errors = 0;
  }

  response(status: number, latencyUs: number): void {
    if (this.count === this.latenciesUs.length) {
      const grown = new Float64Array(this.count * 2);
      grown.set(this.latenciesUs);
      this.latenciesUs = grown;
    }
    this.latenciesUs[this.count++] = latencyUs;
    if (status !== this.expectStatus) this.errors++;
  }

  error(): void {
    if (this.running) this.errors++;
  }

  end(seconds: number): LoadResult {
    this.running = false;
    // A typed array sorts numerically; sorting in place is fine, the next run overwrites it.
    const sorted = this.latenciesUs.subarray(0, this.count).sort();
    return { requests: this.count, errors: this.errors, rps: this.count / seconds, p50ms: percentile(sorted, 0.5) / 1000, p99ms: percentile(sorted, 0.99) / 1000 };
  }
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/**
 * One keep-alive connection with at most one request in flight. It replaces its socket when the
 * server closes it (Connection: close, idle timeout) and, after an error, retries with a backoff
 * so a dead server costs a bounded number of attempts; a run still ends at its deadline.
 */
class Connection {
  /** Settles when the first connect attempt has succeeded or failed. */
  readonly opened: Promise<void>;
  private socket: Socket | undefined;
  private connected = false;
  private busy = false;
  private broken = false;
  private sentAt = 0;
  private sentEpoch = 0;
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly parser = new ResponseParser();
  // Plain TCP reads land in this buffer (net's `onread`) instead of a fresh Buffer per read.
  private readonly readBuffer = Buffer.allocUnsafe(64 * 1024);
  private settleOpened: () => void = () => undefined;

  constructor(
    private readonly target: Target,
    private readonly tally: Tally,
  ) {
    this.opened = new Promise((resolve) => (this.settleOpened = resolve));
    this.connect();
  }

  /** Sends the next request if this connection is free and a run is on. */
  kick(): void {
    if (this.busy || !this.connected || !this.tally.running || !this.socket) return;
    this.busy = true;
    this.sentEpoch = this.tally.epoch;
    this.parser.reset();
    this.sentAt = performance.now();
    this.socket.write(this.target.request);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.socket?.destroy();
  }

  private connect(): void {
    this.retry = undefined;
    if (this.closed) return;
    const { host, port, tls } = this.target;
    const onread = (n: number): boolean => {
      this.read(socket, this.readBuffer, n);
      return true;
    };
    // No SNI for an IP, as node's https client does; the certificate must name the IP.
    const socket: Socket = tls
      ? tlsConnect({ host, port, secureContext: tls, servername: isIP(host) ? undefined : host }).on('data', (chunk: Buffer) => this.read(socket, chunk, chunk.length))
      : netConnect({ host, port, onread: { buffer: this.readBuffer, callback: onread } });
    this.socket = socket;
    this.connected = false;
    this.broken = false;
    socket.setNoDelay(true);
    socket.setTimeout(this.target.timeoutMs, () => {
      if (this.busy || !this.connected) this.fail(socket);
    });
    socket.once(tls ? 'secureConnect' : 'connect', () => {
      this.connected = true;
      this.failures = 0;
      this.settleOpened();
      this.kick();
    });
    socket.on('error', () => (this.broken = true));
    socket.on('close', () => this.onClose(socket));
  }

  private read(socket: Socket, buffer: Buffer, length: number): void {
    if (socket !== this.socket) return;
    const framed = this.parser.feed(buffer, 0, length);
    if (framed === MORE) return;
    if (framed === BAD) return this.fail(socket);
    this.respond();
    if (this.parser.closes) {
      this.socket = undefined;
      socket.destroy();
      this.connect();
    } else {
      this.kick();
    }
  }

  private respond(): void {
    this.busy = false;
    // A response to a request of an earlier run (or after the deadline) is not this run's.
    if (this.tally.running && this.sentEpoch === this.tally.epoch) this.tally.response(this.parser.status, (performance.now() - this.sentAt) * 1000);
  }

  private fail(socket: Socket): void {
    this.broken = true;
    socket.destroy();
  }

  private onClose(socket: Socket): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.settleOpened();
    if (this.closed) return;
    // A body framed by the end of the connection is complete when the server closes it.
    if (this.busy && !this.broken && this.parser.endsAtClose()) this.respond();
    if (this.busy || this.broken || !this.connected) {
      this.busy = false;
      this.tally.error();
      this.failures++;
      this.retry = setTimeout(() => this.connect(), Math.min(500, 5 * 2 ** this.failures));
    } else {
      this.connect();
    }
  }
}
