import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it.each([
    ['a form POST', () => post(server, { Action: 'GetCallerIdentity' })],
    ['a GET query', () => get(server, { Action: 'GetCallerIdentity' })],
  ])('answers unsigned %s with MissingAuthenticationToken', async (_name, send) => {
    const res = await send();
    expect(res.status).toBe(403);
    expect(xmlError(res.body)).toEqual({ type: 'Sender', code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' });
  });
});
