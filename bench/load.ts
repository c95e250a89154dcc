import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * A small closed-loop load generator: `concurrency` workers each send the next request as
 * soon as the last one answers, for `seconds`. Latencies are kept in microseconds: autocannon
 * records whole milliseconds, too coarse for the sub-millisecond targets we track.
 */
export interface LoadResult {
  requests: number;
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
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const https = spec.url.startsWith('https:');
  const agent = https ? new HttpsAgent({ keepAlive: true, maxSockets: spec.concurrency, ca: spec.ca }) : new Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + spec.seconds * 1000;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const t0 = process.hrtime.bigint();
      const status = await send(agent, spec);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1000);
      if (status !== (spec.expectStatus ?? 200)) errors++;
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50ms: percentile(latencies, 0.5) / 1000,
    p99ms: percentile(latencies, 0.99) / 1000,
  };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function send(agent: Agent | HttpsAgent, spec: LoadSpec): Promise<number> {
  const send = agent instanceof HttpsAgent ? httpsRequest : request;
  return new Promise((resolve) => {
    const req = send(spec.url, { method: spec.method, agent, headers: spec.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(spec.body);
  });
}
