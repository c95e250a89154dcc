import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../test-server.js';
import type { TestServer } from '../test-server.js';
import { mediaTypeOf } from './media-type.js';

describe('mediaTypeOf', () => {
  it.each([
    ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
    ['APPLICATION/X-WWW-FORM-URLENCODED', 'application/x-www-form-urlencoded'],
    ['Application/X-Www-Form-Urlencoded ; Charset=UTF-8', 'application/x-www-form-urlencoded'],
    ['  text/plain;charset=utf-8', 'text/plain'],
    ['', ''],
  ])('should read %j as %j', (header, type) => {
    expect(mediaTypeOf(header)).toBe(type);
  });
});

describe('awsQuery media types', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());

  const call = (headers: Record<string, string>) => fetch(`${server.url}/`, { method: 'POST', headers, body: 'Action=GetRole&RoleName=missing&Version=2010-05-08' });

  // Media types are case-insensitive and take parameters (RFC 9110 §8.3.1).
  it.each(['APPLICATION/X-WWW-FORM-URLENCODED', 'application/x-www-form-urlencoded; charset=UTF-8', 'Application/X-Www-Form-Urlencoded;charset=utf-8'])('should read a form body labelled %s', async (type) => {
    const res = await call({ 'content-type': type });
    expect([res.status, await res.text()]).toEqual([404, expect.stringContaining('<Code>NoSuchEntity</Code>')]);
  });

  it('should not read a body labelled as another media type', async () => {
    const res = await call({ 'content-type': 'text/plain' });
    expect([res.status, await res.text()]).toEqual([400, expect.stringContaining('<Code>MissingAction</Code>')]);
  });

  it('should answer JSON to an Accept header in capitals', async () => {
    const res = await call({ 'content-type': 'application/x-www-form-urlencoded', accept: 'APPLICATION/JSON' });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toMatchObject({ Error: { Code: 'NoSuchEntity' } });
  });
});
