import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Request } from 'express';

/** Answers one request whose body has been read, as raw bytes (SigV4 signs them); answers its own errors. */
export type RawEndpoint = (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void>;

/**
 * A hot route: the endpoint for a request line it takes as it stands, or undefined to leave the
 * request to express. Express serves the same endpoint (app.ts), so a route need only claim the
 * plain spellings and let express take the rest (case, trailing slash, percent-encoding).
 */
export type FastRoute = (method: string, url: string) => RawEndpoint | undefined;

export interface FastRouteOptions {
  /** Largest body, in bytes, as express.raw's limit in app.ts. */
  limit: number;
  /** Answers a body that could not be read (or an endpoint's unexpected throw), as app.ts's error handler does. */
  refuse(req: IncomingMessage, res: ServerResponse, err: unknown): void;
}

const NO_BODY = Buffer.alloc(0);

/** The body express.raw read for a route of app.ts; empty when the request had none. */
export function expressBody(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : NO_BODY;
}

/**
 * Credential requests (STS `POST /`, EKS Auth's assume-role-for-pod-identity) skip express:
 * its per-request work (request/response setup, router, body-parser) was a third of an
 * AssumeRoleWithWebIdentity's CPU and drove the server's peak memory (docs/performance.md). Only bodies without Content-Encoding: express.raw inflates the others.
 * Everything no route claims goes to `app`.
 */
export function withFastRoutes(app: RequestListener, routes: readonly FastRoute[], options: FastRouteOptions): RequestListener {
  const serve = async (req: IncomingMessage, res: ServerResponse, endpoint: RawEndpoint): Promise<void> => {
    try {
      await endpoint(req, res, await readBody(req, options.limit));
    } catch (err) {
      // Endpoints answer their own errors, so this is the body's (anything else becomes
      // InternalFailure, as express's error handler would make it).
      if (!res.headersSent) options.refuse(req, res, err);
    }
  };
  return (req, res) => {
    const endpoint = req.headers['content-encoding'] === undefined ? claim(routes, req.method ?? '', req.url ?? '') : undefined;
    if (endpoint) void serve(req, res, endpoint);
    else app(req, res);
  };
}

function claim(routes: readonly FastRoute[], method: string, url: string): RawEndpoint | undefined {
  for (const route of routes) {
    const endpoint = route(method, url);
    if (endpoint) return endpoint;
  }
  return undefined;
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
