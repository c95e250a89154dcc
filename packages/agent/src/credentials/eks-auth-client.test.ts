import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialsReply, startFakeEksAuth } from '../testing/fake-eks-auth.js';
import type { FakeEksAuth } from '../testing/fake-eks-auth.js';
import { createEksAuthClient, goExponentialJitterBackoff } from './eks-auth-client.js';
import type { EksAuthClient } from './eks-auth-client.js';
import { EksAuthResponseError } from './eks-auth-errors.js';

let fake: FakeEksAuth;
let client: EksAuthClient;

beforeEach(async () => {
  fake = await startFakeEksAuth();
  client = createEksAuthClient({
    endpoint: fake.url,
    region: 'us-west-2',
    credentials: { accessKeyId: 'AKIANODEROLE00000001', secretAccessKey: 'node-secret' },
    dialTimeoutMs: 500,
    attemptTimeoutMs: 150,
    maxAttempts: 3,
    backoffMs: () => 0,
  });
});

afterEach(async () => {
  client.close();
  await fake.close();
});

describe('createEksAuthClient', () => {
  it('POSTs {token} to the cluster route, SigV4-signed for eks-auth', async () => {
    fake.reply = () => credentialsReply(1_800_000_000.5);
    const creds = await client.assumeRoleForPodIdentity('demo', 'the.token.value');
    expect(fake.calls).toHaveLength(1);
    const [call] = fake.calls;
    expect(call?.cluster).toBe('demo');
    expect(call?.token).toBe('the.token.value');
    expect(call?.headers['content-type']).toBe('application/json');
    expect(call?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIANODEROLE00000001\/\d{8}\/us-west-2\/eks-auth\/aws4_request, SignedHeaders=[^,]*host/);
    expect(creds).toEqual({
      accessKeyId: 'ASIAFAKEEKSAUTH00001', secretAccessKey: 'secret-key', sessionToken: 'session-token', accountId: '111122223333',
      expiration: 1_800_000_000_500, roleArn: 'arn:aws:sts::111122223333:assumed-role/app-role/eks-demo-pod-1234',
      roleId: 'AROAFAKE:eks-demo-pod-1234', associationId: 'a-abcdefghijklmnop1',
    });
  });

  it('does not retry a client error and reports code, message, fault and request id', async () => {
    fake.reply = () => ({ kind: 'error', status: 400, code: 'ExpiredTokenException', message: 'The token included in the request is expired', requestId: 'r-9' });
    const err = await client.assumeRoleForPodIdentity('demo', 't').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EksAuthResponseError);
    expect(err).toMatchObject({ status: 400, requestId: 'r-9', apiError: { code: 'ExpiredTokenException', message: 'The token included in the request is expired', fault: 'client' } });
    expect(fake.calls).toHaveLength(1);
  });

  it.each([
    [{ kind: 'error', status: 503, code: 'ServiceUnavailableException', message: 'busy' }, 503],
    [{ kind: 'error', status: 429, code: 'ThrottlingException', message: 'slow down' }, 429],
  ] as const)('retries %j up to 3 attempts', async (reply, status) => {
    fake.reply = () => reply;
    await expect(client.assumeRoleForPodIdentity('demo', 't')).rejects.toMatchObject({ status, message: expect.stringContaining('exceeded maximum number of attempts, 3') });
    expect(fake.calls).toHaveLength(3);
  });

  it('recovers when a retry succeeds', async () => {
    let n = 0;
    fake.reply = () => (++n < 3 ? { kind: 'error', status: 500, code: 'InternalServerException', message: 'oops' } : credentialsReply(1_800_000_000));
    await expect(client.assumeRoleForPodIdentity('demo', 't')).resolves.toMatchObject({ accessKeyId: 'ASIAFAKEEKSAUTH00001' });
  });

  it('gives up after 3 timed-out attempts with no status', async () => {
    fake.reply = () => ({ kind: 'hang' });
    await expect(client.assumeRoleForPodIdentity('demo', 't')).rejects.toMatchObject({ status: 0, requestId: '', apiError: undefined });
    expect(fake.calls).toHaveLength(3);
  });

  it('fails fast with no status when nothing listens', async () => {
    await fake.close();
    await expect(client.assumeRoleForPodIdentity('demo', 't')).rejects.toMatchObject({ status: 0, message: expect.stringContaining('ECONNREFUSED') });
  });

  it.each([
    [{ 'x-amzn-errortype': 'ResourceNotFoundException:http://internal/' }, '{"message":"no association"}', 'ResourceNotFoundException', 'no association', 'client'],
    [{}, '{"__type":"com.amazonaws.eksauth#InvalidTokenException","Message":"bad"}', 'InvalidTokenException', 'bad', 'client'],
    [{}, '{}', 'UnknownError', 'UnknownError', 'unknown'],
    [{ 'x-amzn-errortype': 'SomethingNew' }, '{"message":"hm"}', 'SomethingNew', 'hm', 'unknown'],
  ])('reads error code and message like the Go SDK (%j %s)', async (headers, body, code, message, fault) => {
    fake.reply = () => ({ kind: 'raw', status: 404, body, headers });
    await expect(client.assumeRoleForPodIdentity('demo', 't')).rejects.toMatchObject({ status: 404, apiError: { code, message, fault } });
  });

  it('treats a non-JSON error body as having no API error', async () => {
    fake.reply = () => ({ kind: 'raw', status: 403, body: '<html>proxy says no</html>', headers: { 'x-amzn-requestid': 'r-2' } });
    await expect(client.assumeRoleForPodIdentity('demo', 't')).rejects.toMatchObject({ status: 403, requestId: 'r-2', apiError: undefined });
  });

  it('rejects a 200 without credentials', async () => {
    fake.reply = () => ({ kind: 'raw', status: 200, body: '{"subject":{}}' });
    await expect(client.assumeRoleForPodIdentity('demo', 't')).rejects.toThrow('invalid response from server: credentials or assumed role empty');
  });
});

describe('goExponentialJitterBackoff', () => {
  it('is rand * 2^attempt seconds, capped at 20s', () => {
    const backoff = goExponentialJitterBackoff(() => 0.5);
    expect([1, 2, 5, 6].map(backoff)).toEqual([1000, 2000, 16_000, 20_000]);
  });
});
