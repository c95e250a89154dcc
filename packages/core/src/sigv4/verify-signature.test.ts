import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FixedClock } from '../deps.js';
import { parseAuthorization } from './parse-authorization.js';
import { STS_FORM_POST, signForTest } from './sign-for-test.js';
import type { TestCredentials, TestRequest, TestSigning } from './sign-for-test.js';
import type { SignedRequest, SigV4Claim } from './types.js';
import { verifySignature } from './verify-signature.js';

const SIGNED_AT = new Date('2026-01-02T03:04:05Z');
const KEY: TestCredentials = { accessKeyId: 'ASIAQAAAAAAAGMKEM7X5', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const WITH_TOKEN: TestCredentials = { ...KEY, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE+/=' };
const EKS_TOKEN_GET: TestRequest = {
  method: 'GET',
  path: '/',
  query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
  headers: { 'x-k8s-aws-id': 'demo' },
};

function claimOf(req: SignedRequest): SigV4Claim {
  const claim = parseAuthorization(req);
  if (claim.kind === 'none') throw new Error('request is unsigned');
  return claim;
}

async function verify(req: SignedRequest, secret = KEY.secretAccessKey, now: Date = SIGNED_AT): Promise<boolean> {
  return verifySignature(req, claimOf(req), secret, new FixedClock(now));
}

const header: TestSigning = { mode: 'header', date: SIGNED_AT };
const headerNoChecksum: TestSigning = { ...header, applyChecksum: false };
const presigned: TestSigning = { mode: 'presigned', date: SIGNED_AT, expiresIn: 60 };

describe('verifySignature', () => {
  it.each([
    ['an awsQuery form POST signed in the header (JS SDK style)', STS_FORM_POST, KEY, header],
    ['an awsQuery form POST without x-amz-content-sha256 (botocore style)', STS_FORM_POST, KEY, headerNoChecksum],
    ['an awsQuery form POST with a session token', STS_FORM_POST, WITH_TOKEN, header],
    ['a GET with query parameters', EKS_TOKEN_GET, KEY, header],
    ['a presigned GetCallerIdentity URL (EKS token)', EKS_TOKEN_GET, KEY, presigned],
    ['a presigned URL with a session token', EKS_TOKEN_GET, WITH_TOKEN, presigned],
    ['a rest-json POST to EKS', { method: 'POST', path: '/clusters/demo%20x/identity-provider-configs', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }, KEY, { ...header, service: 'eks', region: 'eu-west-1' }],
    ['a request whose user-agent was signed', { ...STS_FORM_POST, headers: { ...STS_FORM_POST.headers, 'user-agent': 'x' } }, KEY, header],
  ] as const)('should accept %s', async (_name, request, credentials, how) => {
    expect(await verify(await signForTest(request, credentials, how))).toBe(true);
  });

  it.each([
    ['with x-amz-content-sha256', header],
    ['without x-amz-content-sha256', headerNoChecksum],
  ] as const)('should refuse a tampered body signed %s', async (_name, how) => {
    const req = await signForTest(STS_FORM_POST, KEY, how);
    expect(await verify({ ...req, body: 'Action=GetCallerIdentity&Version=2011-06-16' })).toBe(false);
  });

  it('should refuse a tampered body whose x-amz-content-sha256 was recomputed', async () => {
    const req = await signForTest(STS_FORM_POST, KEY, header);
    const body = 'Action=AssumeRole&Version=2011-06-15';
    const hash = createHash('sha256').update(body).digest('hex');
    expect(await verify({ ...req, body, headers: { ...req.headers, 'x-amz-content-sha256': hash } })).toBe(false);
  });

  it('should refuse a tampered signed header', async () => {
    const req = await signForTest(STS_FORM_POST, KEY, header);
    expect(await verify({ ...req, headers: { ...req.headers, 'content-type': 'text/plain' } })).toBe(false);
  });

  it('should refuse a request missing one of its signed headers', async () => {
    const req = await signForTest(EKS_TOKEN_GET, KEY, presigned);
    const { 'x-k8s-aws-id': _dropped, ...headers } = req.headers;
    expect(await verify({ ...req, headers })).toBe(false);
  });

  it('should ignore unsigned headers added on the way', async () => {
    const req = await signForTest(STS_FORM_POST, KEY, header);
    expect(await verify({ ...req, headers: { ...req.headers, 'x-forwarded-for': '10.0.0.1' } })).toBe(true);
  });

  it.each([
    ['header', header],
    ['presigned', presigned],
  ] as const)('should refuse a tampered query (%s)', async (_mode, how) => {
    const req = await signForTest(EKS_TOKEN_GET, KEY, how);
    expect(await verify({ ...req, query: { ...req.query, Action: 'AssumeRole' } })).toBe(false);
  });

  it.each([
    ['header', header],
    ['presigned', presigned],
  ] as const)('should refuse the wrong secret (%s)', async (_mode, how) => {
    const req = await signForTest(EKS_TOKEN_GET, KEY, how);
    expect(await verify(req, 'not-the-secret')).toBe(false);
  });

  it('should refuse a swapped session token in the header', async () => {
    const req = await signForTest(STS_FORM_POST, WITH_TOKEN, header);
    expect(await verify({ ...req, headers: { ...req.headers, 'x-amz-security-token': 'other' } })).toBe(false);
  });

  it('should refuse a swapped session token in a presigned query', async () => {
    const req = await signForTest(EKS_TOKEN_GET, WITH_TOKEN, presigned);
    expect(await verify({ ...req, query: { ...req.query, 'X-Amz-Security-Token': 'other' } })).toBe(false);
  });

  it('should refuse a signature for another region', async () => {
    const req = await signForTest(STS_FORM_POST, KEY, header);
    const authorization = String(req.headers.authorization).replace('/us-east-1/', '/us-west-2/');
    expect(await verify({ ...req, headers: { ...req.headers, authorization } })).toBe(false);
  });

  it.each([
    ['14 minutes after signing', 14 * 60, true],
    ['14 minutes before signing', -14 * 60, true],
  ])('should accept a request %s', async (_name, offset, ok) => {
    const req = await signForTest(STS_FORM_POST, KEY, header);
    expect(await verify(req, KEY.secretAccessKey, new Date(SIGNED_AT.getTime() + offset * 1000))).toBe(ok);
  });

  it('should answer SignatureDoesNotMatch "Signature expired" 15 minutes after signing', async () => {
    const req = await signForTest(STS_FORM_POST, KEY, header);
    const later = new Date('2026-01-02T03:19:06Z');
    await expect(verify(req, KEY.secretAccessKey, later)).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 403,
      message: 'Signature expired: 20260102T030405Z is now earlier than 20260102T030406Z (20260102T031906Z - 15 min.)',
    });
  });

  it('should answer SignatureDoesNotMatch "Signature not yet current" for a date 15 minutes ahead', async () => {
    const req = await signForTest(STS_FORM_POST, KEY, header);
    const earlier = new Date('2026-01-02T02:49:04Z');
    await expect(verify(req, KEY.secretAccessKey, earlier)).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 403,
      message: 'Signature not yet current: 20260102T030405Z is still later than 20260102T030404Z (20260102T024904Z + 15 min.)',
    });
  });

  it('should keep a 60-second presigned URL valid for 15 minutes, as STS ignores X-Amz-Expires', async () => {
    const req = await signForTest(EKS_TOKEN_GET, KEY, presigned);
    expect(await verify(req, KEY.secretAccessKey, new Date(SIGNED_AT.getTime() + 10 * 60_000))).toBe(true);
    await expect(verify(req, KEY.secretAccessKey, new Date(SIGNED_AT.getTime() + 16 * 60_000))).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
  });

  it('should not let an hour-long X-Amz-Expires outlive the 15 minutes', async () => {
    const req = await signForTest(EKS_TOKEN_GET, KEY, { ...presigned, expiresIn: 3600 });
    await expect(verify(req, KEY.secretAccessKey, new Date(SIGNED_AT.getTime() + 30 * 60_000))).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
  });
});
