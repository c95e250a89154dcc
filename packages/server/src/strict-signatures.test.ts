import { randomBytes } from 'node:crypto';
import { sampleSessionFacts, signForTest } from '@eksid/core/testing';
import type { TestCredentials, TestRequest } from '@eksid/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { xmlError } from './sts/test-support.js';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const ROOT: TestCredentials = { accessKeyId: 'AKIAQAAAAAAAROOTKEY7', secretAccessKey: 'rootSecret000000000000000000000000000000' };
const UNKNOWN: TestCredentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const JSON_BODY = { 'content-type': 'application/json' };

const IAM_LIST_ROLES: TestRequest = { method: 'POST', path: '/', headers: FORM, body: 'Action=ListRoles&Version=2010-05-08' };
const STS_CALLER: TestRequest = { method: 'POST', path: '/', headers: FORM, body: 'Action=GetCallerIdentity&Version=2011-06-15' };
const EKS_LIST: TestRequest = { method: 'GET', path: '/clusters' };
const EKS_AUTH: TestRequest = { method: 'POST', path: '/clusters/demo/assume-role-for-pod-identity', headers: JSON_BODY, body: '{"token":"a.b.c"}' };

let server: TestServer;
afterEach(async () => server.close());

async function start(signatureMode: 'lenient' | 'strict'): Promise<TestServer> {
  server = await startTestServer({ signatureMode });
  server.ctx.rootKey = { accessKeyId: ROOT.accessKeyId, secretAccessKey: ROOT.secretAccessKey };
  return server;
}

interface Answer {
  status: number;
  type: string | null;
  body: string;
}

/** Sends `req` as is (unsigned) or signed with `credentials` for `scope` (default: the service the path serves, us-east-1). */
async function send(req: TestRequest, credentials?: TestCredentials, scope: { region?: string; service?: string } = {}): Promise<Answer> {
  const host = new URL(server.url).host;
  const service = scope.service ?? (req.path === '/' ? (req.body?.includes('2010-05-08') ? 'iam' : 'sts') : req.path.endsWith('pod-identity') ? 'eks-auth' : 'eks');
  const signed = credentials === undefined
    ? { headers: { ...req.headers } }
    : await signForTest({ ...req, headers: { ...req.headers, host } }, credentials, { mode: 'header', date: server.clock.now(), region: scope.region ?? 'us-east-1', service, applyChecksum: false });
  const { host: _host, ...headers } = signed.headers;
  const res = await fetch(`${server.url}${req.path}`, { method: req.method, headers: headers as Record<string, string>, ...(req.body === undefined ? {} : { body: req.body }) });
  return { status: res.status, type: res.headers.get('x-amzn-errortype'), body: await res.text() };
}

function queryError(answer: Answer): { code?: string; message?: string } {
  const { code, message } = xmlError(answer.body);
  return { code, message };
}

describe('strict signatures', () => {
  it('should refuse an unsigned IAM call with MissingAuthenticationToken in the IAM namespace', async () => {
    await start('strict');
    const answer = await send(IAM_LIST_ROLES);
    expect(answer.status).toBe(403);
    expect(queryError(answer)).toEqual({ code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' });
    expect(answer.body).toContain('https://iam.amazonaws.com/doc/2010-05-08/');
  });

  it.each([
    ['EKS', EKS_LIST],
    ['EKS Auth', EKS_AUTH],
  ])('should refuse an unsigned %s call with MissingAuthenticationTokenException', async (_name, req) => {
    await start('strict');
    expect(await send(req)).toEqual({ status: 403, type: 'MissingAuthenticationTokenException', body: '{"message":"Missing Authentication Token"}' });
  });

  it('should still serve AssumeRoleWithWebIdentity unsigned, as AWS does', async () => {
    await start('strict');
    const answer = await send({ method: 'POST', path: '/', headers: FORM, body: 'Action=AssumeRoleWithWebIdentity&Version=2011-06-15' });
    expect(queryError(answer).code).toBe('ValidationError');
  });

  it('should answer InvalidClientTokenId for an unknown key on IAM', async () => {
    await start('strict');
    const answer = await send(IAM_LIST_ROLES, UNKNOWN);
    expect(answer.status).toBe(403);
    expect(queryError(answer)).toEqual({ code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' });
  });

  it.each([
    ['EKS', EKS_LIST],
    ['EKS Auth', EKS_AUTH],
  ])('should answer UnrecognizedClientException for an unknown key on %s', async (_name, req) => {
    await start('strict');
    expect(await send(req, UNKNOWN)).toEqual({ status: 403, type: 'UnrecognizedClientException', body: '{"message":"The security token included in the request is invalid."}' });
  });

  it('should take calls signed with the root key pair as the account root', async () => {
    await start('strict');
    const answer = await send(STS_CALLER, ROOT);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<Arn>arn:aws:iam::000000000000:root</Arn>');
    expect((await send(IAM_LIST_ROLES, ROOT)).status).toBe(200);
    expect(await send(EKS_LIST, ROOT)).toMatchObject({ status: 200, body: '{"clusters":[]}' });
    // Signed as the root, the call reaches EKS Auth's own checks (no cluster demo here).
    expect((await send(EKS_AUTH, ROOT)).type).toBe('ResourceNotFoundException');
  });

  it('should answer InvalidSignatureException on EKS for the root key id with a wrong secret', async () => {
    await start('strict');
    const answer = await send(EKS_LIST, { ...ROOT, secretAccessKey: 'guess' });
    expect(answer).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
  });
});

describe('lenient signatures', () => {
  it.each([
    ['IAM', IAM_LIST_ROLES],
    ['EKS', EKS_LIST],
  ])('should keep serving unsigned %s calls', async (_name, req) => {
    await start('lenient');
    expect((await send(req)).status).toBe(200);
  });
});

describe('credential scope', () => {
  it.each(['lenient', 'strict'] as const)('should answer SignatureDoesNotMatch for STS signed for another region and service (%s)', async (mode) => {
    await start(mode);
    const answer = await send(STS_CALLER, ROOT, { region: 'eu-central-1', service: 's3' });
    expect(answer.status).toBe(403);
    expect(queryError(answer)).toEqual({
      code: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to a valid region. Credential should be scoped to correct service: 'sts'. ",
    });
  });

  it('should name the refused region on IAM', async () => {
    await start('strict');
    expect(queryError(await send(IAM_LIST_ROLES, ROOT, { region: 'sa-east-1' }))).toEqual({
      code: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to a valid region, not 'sa-east-1'. ",
    });
  });

  it.each([
    ['EKS', EKS_LIST, 'eks'],
    ['EKS Auth', EKS_AUTH, 'eks-auth'],
  ])('should answer InvalidSignatureException on %s for a scope it does not serve', async (_name, req, service) => {
    await start('strict');
    expect(await send(req, ROOT, { service: 'sts' })).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
      body: JSON.stringify({ message: `Credential should be scoped to correct service: '${service}'. ` }),
    });
  });

  it('should check the scope of temporary credentials eksid issued, in lenient mode too', async () => {
    await start('lenient');
    const facts = sampleSessionFacts('ASIAQAAAAAAAPI54AA53', { expiration: new Date('2026-03-01T13:00:00Z') });
    const session = server.ctx.store.sessions.seal(facts, 'secret', randomBytes(12));
    const credentials = { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
    expect((await send(STS_CALLER, credentials)).status).toBe(200);
    expect(queryError(await send(STS_CALLER, credentials, { region: 'x' }))).toEqual({ code: 'SignatureDoesNotMatch', message: 'Credential should be scoped to a valid region. ' });
  });

  it("should accept the server's own region as well as us-east-1", async () => {
    server = await startTestServer({ signatureMode: 'strict', config: { region: 'eu-west-1' } });
    server.ctx.rootKey = { accessKeyId: ROOT.accessKeyId, secretAccessKey: ROOT.secretAccessKey };
    expect((await send(STS_CALLER, ROOT, { region: 'eu-west-1' })).status).toBe(200);
    expect((await send(STS_CALLER, ROOT, { region: 'us-east-1' })).status).toBe(200);
    expect((await send(EKS_LIST, ROOT, { region: 'eu-west-1' })).status).toBe(200);
    expect(await send(EKS_LIST, ROOT, { region: 'us-east-1' })).toMatchObject({ status: 403, body: '{"message":"Credential should be scoped to a valid region. "}' });
  });
});
