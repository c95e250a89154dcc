import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * One HTTP attempt with the real agent's two limits (internal/cloud/eksauth/service.go):
 * a dial timeout (500ms) and a whole-request timeout (1s, Go's http.Client.Timeout).
 * Connections are kept alive as Go's transport does, so the dial limit only applies to
 * new sockets.
 */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface AttemptTimeouts {
  dialTimeoutMs: number;
  attemptTimeoutMs: number;
}

/** The request never got a full response: refused, reset, dial or overall timeout. */
export class TransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
  }
}

export interface HttpAttempter {
  send(url: URL, init: { method: string; headers: Record<string, string>; body: string }): Promise<RawResponse>;
  close(): void;
}

export function createHttpAttempter(timeouts: AttemptTimeouts): HttpAttempter {
  const httpAgent = new HttpAgent({ keepAlive: true });
  const httpsAgent = new HttpsAgent({ keepAlive: true });
  return {
    send(url, init) {
      const secure = url.protocol === 'https:';
      const request = secure ? httpsRequest : httpRequest;
      return new Promise<RawResponse>((resolve, reject) => {
        let settled = false;
        const settle = (finish: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(overall);
          finish();
        };
        const fail = (message: string, cause?: unknown) => {
          const err = new TransportError(`${init.method} "${url.href}": ${message}`, { cause });
          settle(() => reject(err));
          req.destroy(err);
        };
        const req = request(url, { method: init.method, headers: init.headers, agent: secure ? httpsAgent : httpAgent });
        const overall = setTimeout(() => fail('context deadline exceeded (Client.Timeout exceeded while awaiting headers)'), timeouts.attemptTimeoutMs);
        req.on('socket', (socket) => {
          if (!socket.connecting) return;
          const dial = setTimeout(() => fail(`dial tcp ${url.host}: i/o timeout`), timeouts.dialTimeoutMs);
          socket.once('connect', () => clearTimeout(dial));
          socket.once('close', () => clearTimeout(dial));
        });
        req.on('error', (err) => fail(err.message, err));
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (err) => fail(err.message, err));
          res.on('aborted', () => fail('unexpected EOF'));
          res.on('end', () => settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })));
        });
        req.end(init.body);
      });
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
