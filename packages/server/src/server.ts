import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ServerContext } from './context.js';
import { BODY_LIMIT, createApp, fastRoutes, sendBodyError } from './app.js';
import { withRequestGuard } from './guard/request-guard.js';
import { createServerMetrics } from './metrics/server-metrics.js';
import { withFastRoutes } from './protocols/fast-routes.js';
import { answerParserRefusal } from './protocols/parser-refusal.js';

export interface RunningServer {
  /** e.g. http://127.0.0.1:4599 */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * Listens on host:port (port 0 picks a free one) and resolves once accepting connections.
 * Answers only the Host names guard/request-guard.ts allows (`allowedHosts` adds some).
 * The server's metrics count the decisions of ctx.decisions until it closes.
 */
export async function startServer(ctx: ServerContext, options: { host: string; port: number; allowedHosts?: readonly string[] }): Promise<RunningServer> {
  const refuse = (req: IncomingMessage, res: ServerResponse, err: unknown) => sendBodyError(ctx, req, res, err);
  const metrics = createServerMetrics();
  const routes = withFastRoutes(createApp(ctx, metrics), fastRoutes(ctx, metrics.requests), { limit: BODY_LIMIT, refuse });
  const server = createServer(withRequestGuard(ctx, routes, { bindHost: options.host, allowedHosts: options.allowedHosts }));
  server.on('clientError', answerParserRefusal);
  // Clients like boto3 keep connections alive; a short idle timeout keeps close() quick.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const stopCounting = metrics.decisions.watch(ctx.decisions);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        stopCounting();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
