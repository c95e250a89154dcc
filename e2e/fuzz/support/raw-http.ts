import { Agent, request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** One answer as the wire gave it. */
export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

// Reused connections: a fuzz run sends thousands of requests, and fresh sockets per request
// would leave as many in TIME_WAIT. A server that breaks a kept connection shows as an error.
const agent = new Agent({ keepAlive: true, maxSockets: 8 });
const httpsAgents = new Map<string, HttpsAgent>();

function httpsAgentFor(ca: string): HttpsAgent {
  let pooled = httpsAgents.get(ca);
  if (pooled === undefined) {
    pooled = new HttpsAgent({ keepAlive: true, maxSockets: 8, ca });
    httpsAgents.set(ca, pooled);
  }
  return pooled;
}

/**
 * Not an assertion on speed: a request the server never answers is a hang, and a hung
 * request would otherwise show up only as vitest's test timeout, without the input.
 */
const HANG_MS = 15_000;

/**
 * One request with full control of method, path and headers (fetch refuses many of them).
 * Rejects when the server closes the connection or never answers: both are findings.
 * `ownConnection` skips the shared pool (a health check must not queue behind the fuzz); `ca`
 * is the CA an https:// server's certificate must chain to.
 */
export function send(baseUrl: string, req: RawRequest, options: { ownConnection?: boolean; ca?: string } = {}): Promise<RawReply> {
  const url = new URL(baseUrl);
  const https = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
    const target = { host: url.hostname, port: url.port, method: req.method, path: req.path, headers };
    const onResponse = (res: IncomingMessage) => {
      // An event stream stays open by design: its status and headers are the answer.
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
        res.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    };
    const outgoing = https
      ? httpsRequest({ ...target, ca: options.ca, agent: options.ownConnection ? false : httpsAgentFor(options.ca ?? '') }, onResponse)
      : request({ ...target, agent: options.ownConnection ? false : agent }, onResponse);
    outgoing.setTimeout(HANG_MS, () => outgoing.destroy(new Error(`no answer to ${req.method} ${req.path} within ${HANG_MS} ms`)));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** What a reply shows when a property fails: enough to tell the finding. */
export function describeReply(req: RawRequest, reply: RawReply): string {
  const body = typeof req.body === 'string' ? req.body.slice(0, 300) : `<${req.body?.length ?? 0} bytes>`;
  return `${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers ?? {}).slice(0, 300)} ${body} → ${reply.status} ${JSON.stringify(reply.headers)} ${reply.body.slice(0, 300)}`;
}
