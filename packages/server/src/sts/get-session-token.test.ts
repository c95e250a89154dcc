import { signForTest } from '@eksid/core/testing';
import type { TestCredentials } from '@eksid/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../test-server.js';
import type { TestServer } from '../test-server.js';
import { xmlError, xmlText } from './test-support.js';

// GetSessionToken, GetAccessKeyInfo and DecodeAuthorizationMessage over awsQuery, really signed, in strict mode.
const ACCOUNT = '000000000000';
const ROOT: TestCredentials = { accessKeyId: 'AKIAQAAAAAAAROOTKEY7', secretAccessKey: 'rootSecret000000000000000000000000000000' };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ signatureMode: 'strict', at: '2026-03-01T12:00:00Z', config: { accountId: ACCOUNT } });
  server.ctx.rootKey = { accessKeyId: ROOT.accessKeyId, secretAccessKey: ROOT.secretAccessKey };
});
afterAll(() => server.close());

async function call(params: Record<string, string>, credentials: TestCredentials, service = 'sts'): Promise<{ status: number; body: string }> {
  const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: new URL(server.url).host };
  const body = new URLSearchParams({ Version: service === 'sts' ? '2011-06-15' : '2010-05-08', ...params }).toString();
  const signed = await signForTest({ method: 'POST', path: '/', headers, body }, credentials, { mode: 'header', date: server.clock.now(), region: 'us-east-1', service, applyChecksum: false });
  const { host: _host, ...sent } = signed.headers;
  const res = await fetch(`${server.url}/`, { method: 'POST', headers: sent as Record<string, string>, body });
  return { status: res.status, body: await res.text() };
}

async function sessionOfRoot(params: Record<string, string> = {}): Promise<TestCredentials & { expiration: string }> {
  const res = await call({ Action: 'GetSessionToken', ...params }, ROOT);
  expect(res.status).toBe(200);
  return {
    accessKeyId: xmlText(res.body, 'AccessKeyId') as string,
    secretAccessKey: xmlText(res.body, 'SecretAccessKey') as string,
    sessionToken: xmlText(res.body, 'SessionToken') as string,
    expiration: xmlText(res.body, 'Expiration') as string,
  };
}

describe('GetSessionToken', () => {
  it('answers credentials valid for 12 hours by default, which act as the root afterwards', async () => {
    const creds = await sessionOfRoot();
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.expiration).toBe('2026-03-02T00:00:00Z');
    const identity = await call({ Action: 'GetCallerIdentity' }, creds);
    expect(identity.body).toContain(`<Arn>arn:aws:iam::${ACCOUNT}:root</Arn><UserId>${ACCOUNT}</UserId><Account>${ACCOUNT}</Account>`);
    expect((await call({ Action: 'ListRoles' }, creds, 'iam')).status).toBe(200);
  });

  it('takes DurationSeconds within 900..129600, and MFA members', async () => {
    expect((await sessionOfRoot({ DurationSeconds: '129600', SerialNumber: 'arn:aws:iam::000000000000:mfa/me', TokenCode: '123456' })).expiration).toBe('2026-03-03T00:00:00Z');
    const res = await call({ Action: 'GetSessionToken', DurationSeconds: '899' }, ROOT);
    expect(res.status).toBe(400);
    expect(xmlError(res.body)).toEqual({
      type: 'Sender',
      code: 'ValidationError',
      message: "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    });
  });

  it('refuses the session credentials it issued with AccessDenied', async () => {
    const res = await call({ Action: 'GetSessionToken' }, await sessionOfRoot());
    expect(res.status).toBe(403);
    expect(xmlError(res.body)).toEqual({ type: 'Sender', code: 'AccessDenied', message: 'Cannot call GetSessionToken with session credentials' });
  });
});

describe('GetAccessKeyInfo and DecodeAuthorizationMessage', () => {
  it('answers the account a key carries', async () => {
    const res = await call({ Action: 'GetAccessKeyInfo', AccessKeyId: 'ASIAY34FZKBOKMUTVV7A' }, ROOT);
    expect(res.body).toContain('<GetAccessKeyInfoResult><Account>609629065308</Account></GetAccessKeyInfoResult>');
  });

  it('refuses a malformed key id as the model does', async () => {
    const res = await call({ Action: 'GetAccessKeyInfo', AccessKeyId: 'short' }, ROOT);
    expect(xmlError(res.body)).toEqual({ type: 'Sender', code: 'ValidationError', message: "1 validation error detected: Value 'short' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16" });
  });

  it('answers InvalidAuthorizationMessageException for any message', async () => {
    const res = await call({ Action: 'DecodeAuthorizationMessage', EncodedMessage: 'abc' }, ROOT);
    expect(res.status).toBe(400);
    expect(xmlError(res.body)).toEqual({ type: 'Sender', code: 'InvalidAuthorizationMessageException', message: 'The message passed to DecodeAuthorizationMessage was invalid.' });
  });
});
