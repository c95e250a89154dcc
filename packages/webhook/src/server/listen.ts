// The two listeners upstream runs (main.go): HTTPS for /mutate on --port, plain HTTP for
// /metrics and /healthz on --metrics-port. /healthz is also answered on the HTTPS port so a
// readiness probe can check the TLS side.
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { MutateHandlerDeps } from './mutate-handler.js';
import { createMutateHandler } from './mutate-handler.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

function text(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export interface ListenOptions {
  host: string;
  port: number;
  metricsPort: number;
  tls: { cert: string; key: string };
}

export interface Listening {
  port: number;
  metricsPort: number;
  close(): Promise<void>;
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

async function shutdown(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function listenWebhook(options: ListenOptions, deps: MutateHandlerDeps): Promise<Listening> {
  const mutate = createMutateHandler(deps);
  const main: Listener = (req, res) => {
    const path = pathOf(req);
    if (path === '/mutate') mutate(req, res);
    else if (path === '/healthz') text(res, 200, 'ok');
    else text(res, 404, 'not found\n');
  };
  const metrics: Listener = (req, res) => {
    const path = pathOf(req);
    if (path === '/healthz') return text(res, 200, 'ok');
    if (path !== '/metrics') return text(res, 404, 'not found\n');
    deps.metrics.registry.metrics().then(
      (body) => text(res, 200, body, deps.metrics.registry.contentType),
      (error: unknown) => text(res, 500, `metrics: ${String(error)}\n`),
    );
  };
  const https = createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, main);
  const http = createHttpServer(metrics);
  const port = await listen(https, options.port, options.host);
  let metricsPort: number;
  try {
    metricsPort = await listen(http, options.metricsPort, options.host);
  } catch (error) {
    await shutdown(https);
    throw error;
  }
  return {
    port,
    metricsPort,
    close: async () => {
      await Promise.all([shutdown(https), shutdown(http)]);
    },
  };
}
