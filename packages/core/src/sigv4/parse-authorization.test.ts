import { describe, expect, it } from 'vitest';
import { parseAuthorization } from './parse-authorization.js';
import { STS_FORM_POST, signForTest } from './sign-for-test.js';
import type { SignedRequest } from './types.js';

const DATE = new Date('2026-01-02T03:04:05Z');
const KEY = { accessKeyId: 'ASIAQAAAAAAAGMKEM7X5', secretAccessKey: 'secret', sessionToken: 'tok' };

function withAuthorization(authorization: string, headers: Record<string, string> = { 'x-amz-date': '20260102T030405Z' }): SignedRequest {
  return { method: 'POST', path: '/', query: {}, headers: { host: 'h', authorization, ...headers }, body: '' };
}

function presignedQuery(query: Record<string, string>): SignedRequest {
  return { method: 'GET', path: '/', query, headers: { host: 'h' }, body: '' };
}

const GOOD_QUERY = {
  'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
  'X-Amz-Credential': 'AKID/20260102/us-east-1/sts/aws4_request',
  'X-Amz-Date': '20260102T030405Z',
  'X-Amz-Expires': '60',
  'X-Amz-SignedHeaders': 'host;x-k8s-aws-id',
  'X-Amz-Signature': 'abc',
};

describe('parseAuthorization', () => {
  it('should report an unsigned request as none', () => {
    expect(parseAuthorization({ method: 'GET', path: '/', query: { Action: 'GetCallerIdentity' }, headers: {}, body: '' })).toEqual({ kind: 'none' });
  });

  it('should read an SDK-signed Authorization header', async () => {
    const req = await signForTest(STS_FORM_POST, KEY, { mode: 'header', date: DATE });
    expect(parseAuthorization(req)).toEqual({
      kind: 'header',
      accessKeyId: KEY.accessKeyId,
      date: DATE,
      region: 'us-east-1',
      service: 'sts',
      signedHeaders: ['content-type', 'host', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-security-token'],
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
      securityToken: 'tok',
    });
  });

  it('should read SDK-presigned query parameters', async () => {
    const req = await signForTest({ method: 'GET', path: '/', query: { Action: 'GetCallerIdentity' } }, KEY, {
      mode: 'presigned',
      date: DATE,
      region: 'eu-west-1',
      expiresIn: 60,
    });
    expect(parseAuthorization(req)).toEqual({
      kind: 'presigned',
      accessKeyId: KEY.accessKeyId,
      date: DATE,
      region: 'eu-west-1',
      service: 'sts',
      signedHeaders: ['host'],
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
      securityToken: 'tok',
      expiresSeconds: 60,
    });
  });

  it('should accept comma-only separators and a Date header', () => {
    const claim = parseAuthorization(
      withAuthorization('AWS4-HMAC-SHA256 Credential=AKID/20260102/us-east-1/sts/aws4_request,SignedHeaders=host;date,Signature=abc', {
        date: 'Fri, 02 Jan 2026 03:04:05 GMT',
      }),
    );
    expect(claim).toMatchObject({ kind: 'header', accessKeyId: 'AKID', date: DATE, signedHeaders: ['host', 'date'], signature: 'abc' });
  });

  it('should prefer the Authorization header over presigned parameters', () => {
    const req = withAuthorization('AWS4-HMAC-SHA256 Credential=AKID/20260102/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=abc');
    expect(parseAuthorization({ ...req, query: GOOD_QUERY }).kind).toBe('header');
  });

  const C = 'Credential=AKID/20260102/us-east-1/sts/aws4_request';
  it.each([
    [
      'an empty AWS4 header',
      withAuthorization('AWS4-HMAC-SHA256', {}),
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256",
    ],
    [
      'a Basic header',
      withAuthorization('Basic dXNlcjpwYXNz'),
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=Basic dXNlcjpwYXNz",
    ],
    [
      'a missing Signature',
      withAuthorization(`AWS4-HMAC-SHA256 ${C}, SignedHeaders=host`),
      `Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 ${C}, SignedHeaders=host`,
    ],
    ['another algorithm', withAuthorization(`AWS4-HMAC-SHA512 ${C}, SignedHeaders=host, Signature=abc`), "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'"],
    [
      'a four-part Credential',
      withAuthorization('AWS4-HMAC-SHA256 Credential=AKID/20260102/us-east-1/sts, SignedHeaders=host, Signature=abc'),
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKID/20260102/us-east-1/sts'",
    ],
    [
      'an unsigned host',
      withAuthorization(`AWS4-HMAC-SHA256 ${C}, SignedHeaders=x-amz-date, Signature=abc`),
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    ],
    [
      'an extended ISO date',
      withAuthorization(`AWS4-HMAC-SHA256 ${C}, SignedHeaders=host, Signature=abc`, { 'x-amz-date': '2026-01-02T03:04:05Z' }),
      "Date must be in ISO-8601 'basic format'. Got '2026-01-02T03:04:05Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    ],
    [
      'an impossible date',
      withAuthorization(`AWS4-HMAC-SHA256 ${C}, SignedHeaders=host, Signature=abc`, { 'x-amz-date': '20261302T030405Z' }),
      "Date must be in ISO-8601 'basic format'. Got '20261302T030405Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    ],
    [
      'a presigned URL without X-Amz-Credential',
      presignedQuery({ ...GOOD_QUERY, 'X-Amz-Credential': '' }),
      "AWS query-string parameters must include 'X-Amz-Credential'. Re-examine the query-string parameters.",
    ],
    [
      'a presigned URL without X-Amz-Expires',
      presignedQuery({ ...GOOD_QUERY, 'X-Amz-Expires': '' }),
      "AWS query-string parameters must include 'X-Amz-Expires'. Re-examine the query-string parameters.",
    ],
    ['a presigned URL with another algorithm', presignedQuery({ ...GOOD_QUERY, 'X-Amz-Algorithm': 'AWS4-ECDSA-P256-SHA256' }), 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"'],
    ['a non-numeric X-Amz-Expires', presignedQuery({ ...GOOD_QUERY, 'X-Amz-Expires': '1h' }), 'X-Amz-Expires should be a number'],
    [
      'an X-Amz-Expires over a week',
      presignedQuery({ ...GOOD_QUERY, 'X-Amz-Expires': '604801' }),
      'X-Amz-Expires must be less than a week (in seconds) that is; 604800',
    ],
  ])('should answer IncompleteSignature for %s', (_name, req, message) => {
    expect(() => parseAuthorization(req)).toThrow(expect.objectContaining({ code: 'IncompleteSignature', status: 400, fault: 'Sender', message }));
  });
});
