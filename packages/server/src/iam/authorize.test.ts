import { IAM_ADMIN_OPERATIONS } from '@eksid/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../test-server.js';
import type { TestServer } from '../test-server.js';
import { iamService } from './index.js';
import { errorOf, postForm } from './test-support.js';

/** A well-formed signature by a key eksid never issued: lenient mode takes it as the root without checking it. */
const SIGNED_BY_UNKNOWN_KEY = {
  'x-amz-date': '20260301T120000Z',
  authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
};
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '000000000000' }, Action: 'sts:AssumeRole' }] });

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

describe('IAM under --enforce-iam', () => {
  it('maps every IAM action eksid serves to its IAM action and resource', () => {
    expect(Object.keys(iamService.actions).filter((action) => !IAM_ADMIN_OPERATIONS.includes(action))).toEqual([]);
  });

  it('lets long-term keys eksid did not issue act as the account root', async () => {
    server.ctx.enforceIam = true;
    const reply = await postForm(server, { Action: 'CreateRole', RoleName: 'r', AssumeRolePolicyDocument: TRUST }, SIGNED_BY_UNKNOWN_KEY);
    expect(reply.status).toBe(200);
  });

  it('refuses unsigned calls with MissingAuthenticationToken and records the refusal', async () => {
    server.ctx.enforceIam = true;
    const reply = await postForm(server, { Action: 'CreateRole', RoleName: 'r', AssumeRolePolicyDocument: TRUST });
    expect(errorOf(reply)).toEqual({ status: 403, code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' });
    expect(server.ctx.store.roles.get('000000000000', 'r')).toBeUndefined();
    const [event] = server.ctx.decisions.list({});
    expect(event).toMatchObject({ source: 'iam', action: 'CreateRole', outcome: 'denied', errorCode: 'MissingAuthenticationToken', role: 'arn:aws:iam::000000000000:role/r' });
  });

  it('changes nothing without the flag: unsigned calls still act as the root', async () => {
    const reply = await postForm(server, { Action: 'CreateRole', RoleName: 'r', AssumeRolePolicyDocument: TRUST });
    expect(reply.status).toBe(200);
    expect(server.ctx.decisions.list({})).toEqual([]);
  });
});
