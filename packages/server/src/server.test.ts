import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

// Credential requests skip express (protocols/fast-routes.ts): `POST /` and EKS Auth's
// assume-role-for-pod-identity. These pin down that both paths answer alike.
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

/** A POST with `chunks` written one by one (chunked unless a content-length is given). */
function post(headers: Record<string, string | number>, chunks: (string | Buffer)[], path = '/'): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
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
const json = { 'content-type': 'application/json' };
const EKS_AUTH = '/clusters/demo/assume-role-for-pod-identity';
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

  it('should answer EKS Auth the same with and without a Content-Encoding, headers in the same order', async () => {
    const body = '{"token":"abc"}';
    const zipped = gzipSync(body);
    const replies = [
      await post({ ...json, 'content-length': body.length }, [body], EKS_AUTH),
      await post({ ...json, 'content-encoding': 'gzip', 'content-length': zipped.length }, [zipped], EKS_AUTH),
    ];
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(reply.headers).toEqual(['x-amzn-RequestId', 'x-amzn-ErrorType', 'Content-Type', 'Content-Length', 'Date', 'Connection', 'Keep-Alive']);
      expect(JSON.parse(reply.body)).toEqual({ message: "1 validation error detected: Value at 'token' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+" });
    }
  });

  it.each([
    ['a trailing slash', `${EKS_AUTH}/`],
    ['another letter case', '/CLUSTERS/demo/Assume-Role-For-Pod-Identity'],
    ['a percent-encoded cluster name', '/clusters/de%6Do/assume-role-for-pod-identity'],
  ])('should serve EKS Auth spelled with %s as the plain path is served', async (_case, path) => {
    const reply = await post(json, ['{"token":"abc"}'], path);
    expect([reply.status, JSON.parse(reply.body)]).toEqual([400, { message: "1 validation error detected: Value at 'token' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+" }]);
  });

  it('should read an EKS Auth body past the limit to its end, then answer the rest-json 413', async () => {
    const reply = await post(json, ['{"token":"', 'a'.repeat(1024 * 1024), '"}'], EKS_AUTH);
    expect([reply.status, JSON.parse(reply.body)]).toEqual([413, { message: 'Request body is too large' }]);
    expect(reply.headers).toContain('x-amzn-ErrorType');
  });
});
