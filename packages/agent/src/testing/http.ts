import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

/** Test support: one HTTP request with full control of headers (fetch forbids setting Host). */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export function send(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}
