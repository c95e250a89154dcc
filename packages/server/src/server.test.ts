import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

// `POST /` skips express (server.ts); these pin down that both paths answer alike.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

interface RawReply {
  status: number;
  headers: string[];
  body: string;
}

/** A POST / with `chunks` written one by one (chunked unless a content-length is given). */
function post(headers: Record<string, string | number>, chunks: (string | Buffer)[]): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/`, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.rawHeaders.filter((_, i) => i % 2 === 0), body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const codeOf = (xml: string) => /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];

describe('startServer', () => {
  it('should answer awsQuery the same with and without a Content-Encoding, headers in the same order', async () => {
    const plain = await post({ ...form, 'content-length': 11 }, ['Action=Nope']);
    const zipped = gzipSync('Action=Nope');
    const gzip = await post({ ...form, 'content-encoding': 'gzip', 'content-length': zipped.length }, [zipped]);
    for (const reply of [plain, gzip]) {
      expect([reply.status, codeOf(reply.body)]).toEqual([400, 'InvalidAction']);
      expect(reply.headers).toEqual(['x-amzn-RequestId', 'Content-Type', 'Content-Length', 'Date', 'Connection', 'Keep-Alive']);
    }
  });

  it('should read a chunked body past the limit to its end, then answer 413', async () => {
    const reply = await post({ ...form }, ['Action=GetCallerIdentity&Junk=', 'a'.repeat(1024 * 1024), 'a']);
    expect([reply.status, codeOf(reply.body)]).toEqual([413, 'RequestEntityTooLarge']);
  });

  it('should take a body of exactly the limit', async () => {
    const body = `Action=Nope&Junk=${'a'.repeat(1024 * 1024 - 17)}`;
    expect((await post({ ...form }, [body])).status).toBe(400);
  });

  it('should read a body that arrives in pieces', async () => {
    const reply = await post({ ...form }, ['Act', 'ion=No', 'pe']);
    expect(codeOf(reply.body)).toBe('InvalidAction');
  });
});
