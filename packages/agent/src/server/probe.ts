import { request } from 'node:http';
import type { RequestListener } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from '@eksid/core/log';
import { pathOf, writeNotFound } from './go-http.js';

/**
 * pkg/handlers/probe_handler.go: `/healthz` and `/readyz` GET `http://<bind host>:<port>/`
 * on every bind address and expect the mux's 404 — proof the credential listeners answer.
 * 200 if all do, 408 when the 10s probe deadline passes, else 500.
 */
const PROBE_TIMEOUT_MS = 10_000;

export interface ProbeOptions {
  /** `host:port` of each credential listener, IPv6 in brackets. */
  targets: () => readonly string[];
  timeoutMs?: number;
  logger: Logger;
  /** Set on the metrics port, which also serves the probes (cmd/server.go). */
  registry?: Registry;
}

export function createProbeListener(options: ProbeOptions): RequestListener {
  return (req, res) => {
    const path = pathOf(req.url);
    if (path === '/metrics' && options.registry !== undefined) {
      const registry = options.registry;
      registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
      return;
    }
    if (path !== '/healthz' && path !== '/readyz') {
      writeNotFound(res);
      return;
    }
    probeAll(options.targets(), options.timeoutMs ?? PROBE_TIMEOUT_MS).then((outcome) => {
      if (outcome === 'ok') res.writeHead(200).end();
      else if (outcome === 'timeout') res.writeHead(408).end();
      else {
        options.logger.error(`InternalServerError: ${outcome.message}`);
        res.writeHead(500).end('Internal Server Error occurred');
      }
    });
  };
}

async function probeAll(targets: readonly string[], timeoutMs: number): Promise<'ok' | 'timeout' | Error> {
  const deadline = AbortSignal.timeout(timeoutMs);
  for (const target of targets) {
    try {
      const status = await getStatus(`http://${target}/`, deadline);
      if (status !== 404) return new Error(`unexpected status code recieved, expected 404, got ${status}`);
    } catch (err) {
      return deadline.aborted ? 'timeout' : (err as Error);
    }
  }
  return 'ok';
}

function getStatus(url: string, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { signal, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
