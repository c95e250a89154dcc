import { spawn } from 'node:child_process';
import { request } from 'node:http';
import type { ClientRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { runLoad } from './load.js';
import type { LoadResult } from './load.js';

/*
 * The event stream under load (`BENCH_ONLY=events`): what following the audit trail costs the
 * server while it keeps answering. Printed, never asserted: the machine is shared.
 */

export interface EventsBench {
  /** Decisions stored when the connects started (the trail's retention bound). */
  trail: number;
  connects: number;
  /** Connections caught up to the newest decision, and refused (503) or failed. */
  caughtUp: number;
  refused: number;
  failed: number;
  seconds: number;
  /** eksid's CPU (user + system) over the connects, per connect. */
  cpuMsPerConnect: number;
  megabytesPerConnect: number;
  /** GET /_eksid/health, one request at a time, for 3 s before the connects, then while they ran. */
  healthAlone: LoadResult;
  health: LoadResult;
  /** Serial STS with no stream open, then with `idleStreams` open and idle. */
  stsAlone: LoadResult;
  stsIdleStreams: LoadResult;
  /** Streams asked for while measuring STS, and how many of them the server refused (its cap). */
  idleStreams: number;
  idleRefused: number;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The headers eksid's own API needs (its admin token), set by benchEvents for the run. */
let ownApiHeaders: Readonly<Record<string, string>> = {};

/** The one place this bench builds a request to eksid's own API: headers it needs go here. */
function eksidHeaders(): Record<string, string> {
  return { ...ownApiHeaders };
}

/** Fills the trail with real decisions (STS at concurrency 32) until `count` are stored. */
async function fillTrail(url: string, stsBody: string, count: number): Promise<number> {
  for (let round = 0; round < 30; round++) {
    const stored = await storedDecisions(url);
    if (stored >= count) return stored;
    await runLoad({ url: `${url}/`, method: 'POST', headers: FORM, body: stsBody, concurrency: 32, seconds: 1 });
  }
  throw new Error(`the trail did not reach ${count} decisions`);
}

/** Decisions stored: ids start at 1 and the trail keeps the newest 10,000, so the newest id says. */
async function storedDecisions(url: string): Promise<number> {
  return Math.min(await latestId(url), 10_000);
}

async function latestId(url: string): Promise<number> {
  const res = await fetch(`${url}/_eksid/events?limit=1`, { headers: eksidHeaders() });
  if (!res.ok) throw new Error(`GET /_eksid/events: HTTP ${res.status}`);
  return Number(((await res.json()) as { latestId: number }).latestId);
}

interface Follow {
  done: Promise<'caught-up' | 'refused' | 'failed'>;
  bytes: () => number;
  request: ClientRequest;
}

/** One stream from `after` (only new decisions when undefined), read until the message with id `until` (or kept open when `until` is undefined). */
function follow(url: string, after: number | undefined, until: number | undefined): Follow {
  let bytes = 0;
  const marker = until === undefined ? undefined : Buffer.from(`id: ${until}\n`);
  let req!: ClientRequest;
  const done = new Promise<'caught-up' | 'refused' | 'failed'>((resolve) => {
    req = request(`${url}/_eksid/events/stream${after === undefined ? '' : `?after=${after}`}`, { headers: { ...eksidHeaders(), accept: 'text/event-stream' }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve(res.statusCode === 503 ? 'refused' : 'failed');
        return;
      }
      let tail: Buffer = Buffer.alloc(0);
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (!marker) return;
        // The marker may straddle two chunks: search the previous chunk's end with this one.
        const window = Buffer.concat([tail, chunk.subarray(0, marker.length)]);
        if (window.includes(marker) || chunk.includes(marker)) {
          resolve('caught-up');
          req.destroy();
        }
        tail = chunk.subarray(Math.max(0, chunk.length - marker.length));
      });
      res.on('close', () => resolve('failed'));
    });
    req.on('error', () => resolve('failed'));
    req.end();
  });
  return { done, bytes: () => bytes, request: req };
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** `connects` streams from after=0, `parallel` at a time, each read to the newest decision. */
async function connectAll(url: string, connects: number, parallel: number, until: number) {
  const outcomes = { 'caught-up': 0, refused: 0, failed: 0 };
  let bytes = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < connects) {
      next++;
      const one = follow(url, 0, until);
      outcomes[await one.done]++;
      bytes += one.bytes();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { ...outcomes, bytes };
}

export async function benchEvents(url: string, pid: number, stsBody: string, options: { connects?: number; parallel?: number; idleStreams?: number; adminHeaders?: Record<string, string> } = {}): Promise<EventsBench> {
  ownApiHeaders = options.adminHeaders ?? {};
  const connects = options.connects ?? 100;
  const parallel = options.parallel ?? 25;
  const idleStreams = options.idleStreams ?? 60;
  const trail = await fillTrail(url, stsBody, 10_000);
  const until = await latestId(url);
  const healthAlone = await probeWhile(`${url}/_eksid/health`, new Promise((resolve) => setTimeout(resolve, 3_000)));

  const cpuBefore = cpuMs(pid);
  const started = performance.now();
  const connecting = connectAll(url, connects, parallel, until);
  const health = await probeWhile(`${url}/_eksid/health`, connecting);
  const outcome = await connecting;
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuMs(pid) - cpuBefore;

  const sts = { url: `${url}/`, method: 'POST' as const, headers: FORM, body: stsBody, concurrency: 1 };
  const stsAlone = await runLoad({ ...sts, seconds: 3 });
  const idle = Array.from({ length: idleStreams }, () => follow(url, undefined, undefined));
  let idleRefused = 0;
  for (const stream of idle) void stream.done.then((outcome) => outcome === 'refused' && idleRefused++);
  let stsIdleStreams: LoadResult;
  try {
    // Let every stream open and reach the live feed before measuring.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    stsIdleStreams = await runLoad({ ...sts, seconds: 3 });
  } finally {
    for (const stream of idle) stream.request.destroy();
  }
  return {
    trail,
    connects,
    caughtUp: outcome['caught-up'],
    refused: outcome.refused,
    failed: outcome.failed,
    seconds,
    cpuMsPerConnect: cpu / connects,
    megabytesPerConnect: outcome.bytes / connects / 1e6,
    healthAlone,
    health,
    stsAlone,
    stsIdleStreams,
    idleStreams,
    idleRefused,
  };
}

/**
 * GET `url` one request at a time on one kept-alive connection until its stdin closes, in a
 * process of its own: in this one, the streams' data would delay its clock. Every answer
 * counts, however late: a request held up by a blocked event loop is the finding.
 */
const PROBE = `
import { Agent, request } from 'node:http';
const [url, headers] = [process.argv[1], JSON.parse(process.argv[2])];
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let stop = false;
process.stdin.on('end', () => (stop = true)).resume();
const latencies = [];
let errors = 0;
const started = performance.now();
while (!stop) {
  const sent = performance.now();
  const status = await new Promise((resolve) => {
    const req = request(url, { agent, headers }, (res) => res.resume().on('end', () => resolve(res.statusCode)));
    req.on('error', () => resolve(0));
    req.end();
  });
  latencies.push(performance.now() - sent);
  if (status !== 200) errors++;
}
agent.destroy();
process.stdout.write(JSON.stringify({ latencies, errors, seconds: (performance.now() - started) / 1000 }));
`;

async function probeWhile(url: string, work: Promise<unknown>): Promise<LoadResult> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', PROBE, url, JSON.stringify(eksidHeaders())], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await work;
  } finally {
    child.stdin.end();
    await exited;
  }
  const { latencies, errors, seconds } = JSON.parse(out) as { latencies: number[]; errors: number; seconds: number };
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { requests: latencies.length, errors, rps: latencies.length / seconds, p50ms: at(0.5), p99ms: at(0.99) };
}
