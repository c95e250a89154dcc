import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { ServerContext } from './context.js';
import { AWS_QUERY_SERVICES, BODY_LIMIT, createApp } from './app.js';
import { awsQueryEndpoint, bodyReadError, sendQueryError } from './protocols/aws-query.js';
import { requestIdOf } from './protocols/request-id.js';

export interface RunningServer {
  /** e.g. http://127.0.0.1:4599 */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one) and resolves once accepting connections. */
export async function startServer(ctx: ServerContext, options: { host: string; port: number }): Promise<RunningServer> {
  const server = createServer(withAwsQueryFastPath(ctx, createApp(ctx)));
  // Clients like boto3 keep connections alive; a short idle timeout keeps close() quick.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * `POST /` is every STS and IAM call, credential requests included, and express's per-request
 * work (request/response setup, router, body-parser) was a third of an AssumeRoleWithWebIdentity's
 * CPU (~170 of ~500 µs, `pnpm bench` on 2 cores), so such calls go straight to the awsQuery
 * endpoint. Only bodies without Content-Encoding: express.raw inflates the others. Everything
 * else, `//` and `GET /?Action=` included, goes through the express app (app.ts), which serves
 * `POST /` the same way.
 */
function withAwsQueryFastPath(ctx: ServerContext, app: RequestListener): RequestListener {
  const query = awsQueryEndpoint(ctx, AWS_QUERY_SERVICES);
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      await query(req, res, await readBody(req, BODY_LIMIT));
    } catch (err) {
      // The endpoint answers its own errors, so this is the body's, answered as app.ts does
      // (anything else becomes InternalFailure, as express's error handler would make it).
      sendQueryError(ctx, req, res, AWS_QUERY_SERVICES[0].namespace, bodyReadError(err), requestIdOf(ctx, res));
    }
  };
  return (req, res) => {
    const plainQueryPost = req.method === 'POST' && (req.url === '/' || req.url?.startsWith('/?')) && req.headers['content-encoding'] === undefined;
    if (plainQueryPost) void serve(req, res);
    else app(req, res);
  };
}

const httpError = (status: number, message: string) => Object.assign(new Error(message), { status });

/**
 * The body as express.raw reads it for app.ts, with the same outcomes: past `limit` (declared
 * or counted) the rest is read and dropped, then it fails with status 413 — body-parser too
 * waits for the whole request, so the client is not cut off mid-upload; a request cut short
 * fails with status 400.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = Number(req.headers['content-length']) > limit;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(httpError(413, 'request entity too large'));
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    });
    req.on('error', () => reject(httpError(400, 'request aborted')));
  });
}
