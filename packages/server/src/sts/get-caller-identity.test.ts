import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UNKNOWN_SESSION_HINT } from '../protocols/aws-query.js';
import { ACCOUNT, get, post, startStsServer, xmlError } from './test-support.js';
import type { StsTestServer } from './test-support.js';

let server: StsTestServer;
beforeAll(async () => {
  server = await startStsServer();
});
afterAll(() => server.close());

describe('GetCallerIdentity over awsQuery', () => {
  it('describes root credentials (lenient mode) in the documented element order', async () => {
    const res = await post(server, { Action: 'GetCallerIdentity' }, 'root');
    expect(res.status).toBe(200);
    expect(res.body).toContain(`<GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:root</Arn><UserId>${ACCOUNT}</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult>`);
  });

  it('answers InvalidClientTokenId for temporary credentials it never issued, and says why in its log', async () => {
    const warn = vi.spyOn(server.ctx.log, 'warn');
    const res = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-amz-date': '20260301T120000Z',
        'x-amz-security-token': 'IQoJb3JpZ2luX2VjFROMANEARLIEREKSID',
        authorization: 'AWS4-HMAC-SHA256 Credential=ASIAQAAAAAAAPI54AA53/20260301/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=00',
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(res.status).toBe(403);
    expect(xmlError(await res.text())).toEqual({ type: 'Sender', code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' });
    expect(warn).toHaveBeenCalledWith({ accessKeyId: 'ASIAQAAAAAAAPI54AA53' }, UNKNOWN_SESSION_HINT);
  });

  it.each([
    ['a form POST', () => post(server, { Action: 'GetCallerIdentity' })],
    ['a GET query', () => get(server, { Action: 'GetCallerIdentity' })],
  ])('answers unsigned %s with MissingAuthenticationToken', async (_name, send) => {
    const res = await send();
    expect(res.status).toBe(403);
    expect(xmlError(res.body)).toEqual({ type: 'Sender', code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' });
  });
});
