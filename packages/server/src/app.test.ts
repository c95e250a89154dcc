import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

// The single endpoint's own behaviour: routing between services and the answers to requests
// no service can take. Each service's actions are tested in its folder.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const post = (body: string, headers: Record<string, string> = form) => fetch(`${server.url}/`, { method: 'POST', headers, body });
const codeOf = (xml: string) => /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];

describe('createApp', () => {
  it.each([
    ['no Action at all', '', 'MissingAction', 400],
    ['an unknown Action', 'Action=Nope&Version=2011-06-15', 'InvalidAction', 400],
    ['an Action with stray percent signs', 'Action=GetCallerIdentity%ZZ', 'InvalidAction', 400],
  ])('should answer %s with the awsQuery error document', async (_case, body, code, status) => {
    const res = await post(body);
    const text = await res.text();
    expect([res.status, codeOf(text)]).toEqual([status, code]);
    expect(text).toMatch(/^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should route an unsigned awsQuery call by its action, and answer IAM errors in the IAM namespace', async () => {
    const res = await post('Action=GetRole&RoleName=missing&Version=2010-05-08');
    const text = await res.text();
    expect([res.status, codeOf(text)]).toEqual([404, 'NoSuchEntity']);
    expect(text).toContain('xmlns="https://iam.amazonaws.com/doc/2010-05-08/"');
  });

  it('should route by the SigV4 credential scope when the request names a service', async () => {
    const auth = 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00';
    const text = await (await post('Action=GetCallerIdentity', { ...form, authorization: auth })).text();
    expect(codeOf(text)).toBe('InvalidAction');
    expect(text).toContain('iam.amazonaws.com');
  });

  it('should answer JSON when the client asks for it', async () => {
    const res = await fetch(`${server.url}/`, { method: 'POST', headers: { ...form, accept: 'application/json' }, body: 'Action=Nope' });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ Error: { Code: 'InvalidAction', Type: 'Sender' } });
  });

  it('should refuse a body over the limit with 413 and keep serving', async () => {
    const res = await post(`Action=GetCallerIdentity&Junk=${'a'.repeat(1_100_000)}`);
    expect([res.status, codeOf(await res.text())]).toEqual([413, 'RequestEntityTooLarge']);
    expect((await post('Action=Nope')).status).toBe(400);
  });

  it('should answer unknown paths with a rest-json 404', async () => {
    const res = await fetch(`${server.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await res.json()).toEqual({ message: 'No operation at GET /nowhere' });
  });

  it.each([
    ['POST //', 'POST', '//', 'Action=GetCallerIdentity'],
    ['POST // with a query', 'POST', '//?Action=GetCallerIdentity', ''],
  ])('should answer %s with the rest-json 404 of a path no service has, not a 500', async (_case, method, path, body) => {
    const res = await fetch(`${server.url}${path}`, { method, headers: form, body });
    expect([res.status, res.headers.get('x-amzn-errortype')]).toEqual([404, 'UnknownOperationException']);
    expect(await res.json()).toEqual({ message: `No operation at ${method} //` });
  });

  it('should answer a GET / without Action with the dashboard, not as STS', async () => {
    const res = await fetch(`${server.url}/`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
  });

  it('should answer GET /?Action= as awsQuery (STS accepts GET query calls)', async () => {
    const res = await fetch(`${server.url}/?Action=Nope&Version=2011-06-15`);
    expect([res.status, codeOf(await res.text())]).toEqual([400, 'InvalidAction']);
  });
});
