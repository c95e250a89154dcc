import { createSign } from 'node:crypto';
import { DecisionLog, FixedClock, Store, coreConfig, createCluster, exportClusterKey, createPodIdentityAssociation, mintServiceAccountToken, newRoleId, roleArn, systemRandom } from '@eksid/core';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerContext } from '../context.js';
import { startServer } from '../server.js';
import type { RunningServer } from '../server.js';

const ACCOUNT = '000000000000';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/pod-role`;
const PATH = '/clusters/demo/assume-role-for-pod-identity';
const POD_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] };

let ctx: ServerContext;
let server: RunningServer;
beforeEach(async () => {
  const store = Store.open(':memory:');
  const clock = new FixedClock('2026-03-01T12:00:00Z');
  ctx = { store, deps: { clock, random: systemRandom }, config: coreConfig(), log: pino({ level: 'silent' }), signatureMode: 'lenient', decisions: new DecisionLog(store, clock), adminToken: 'unused' };
  await createCluster(ctx, { name: 'demo' });
  server = await startServer(ctx, { host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await server.close();
  ctx.store.close();
});

function putRole(trust: object = POD_TRUST): void {
  ctx.store.roles.put({
    accountId: ACCOUNT, name: 'pod-role', roleId: newRoleId(systemRandom, ACCOUNT), path: '/', arn: roleArn('aws', ACCOUNT, '/', 'pod-role'),
    assumeRolePolicy: JSON.stringify(trust), description: null, maxSessionDuration: 3600, permissionsBoundary: null, tags: [], createdAt: ctx.deps.clock.now(),
  });
}

const token = (audience = 'pods.eks.amazonaws.com', expirationSeconds = 86400) =>
  mintServiceAccountToken(ctx.store, ctx.deps, ctx.config, {
    clusterName: 'demo', namespace: 'default', serviceAccount: 'app', audiences: [audience], expirationSeconds, pod: { name: 'app-1', uid: 'f00dfeed-0000-4000-8000-000000000001' },
  });

async function post(body: unknown, path = PATH): Promise<{ status: number; code: string | null; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, code: res.headers.get('x-amzn-errortype'), body: (await res.json()) as Record<string, unknown> };
}

describe('POST /clusters/:name/assume-role-for-pod-identity', () => {
  it('should answer 200 with the EKS Auth response, expiration in epoch seconds', async () => {
    putRole();
    const association = createPodIdentityAssociation(ctx, { clusterName: 'demo', namespace: 'default', serviceAccount: 'app', roleArn: ROLE });
    const reply = await post({ token: await token() });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      subject: { namespace: 'default', serviceAccount: 'app' },
      audience: 'pods.eks.amazonaws.com',
      podIdentityAssociation: { associationArn: association.associationArn, associationId: association.associationId },
      assumedRoleUser: { arn: expect.stringMatching(/^arn:aws:sts::000000000000:assumed-role\/pod-role\/eks-demo-app-1-[0-9a-f-]{36}$/), assumeRoleId: expect.stringMatching(/^AROA/) },
      credentials: { sessionToken: expect.any(String), secretAccessKey: expect.any(String), accessKeyId: expect.stringMatching(/^ASIA/), expiration: Date.parse('2026-03-01T18:00:00Z') / 1000 },
    });
  });

  it.each([
    ['a garbage body', '{"token":', 400, 'InvalidRequestException', 'The request body is not valid JSON'],
    ['a body that is no object', '[1]', 400, 'InvalidRequestException', 'The request body must be a JSON object with a token.'],
    ['no token', '{}', 400, 'InvalidParameterException', "1 validation error detected: Value null at 'token' failed to satisfy constraint: Member must not be null"],
    ['a token that is no JWT', '{"token":"abc"}', 400, 'InvalidParameterException', "1 validation error detected: Value at 'token' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+"],
  ])('should answer %s with %i %s', async (_label, body, status, code, message) => {
    expect(await post(body)).toEqual({ status, code, body: { message } });
  });

  it('should refuse a cluster name outside the model\'s pattern and answer an unknown one with 404', async () => {
    const bad = await post({ token: await token() }, '/clusters/-bad/assume-role-for-pod-identity');
    expect(bad).toEqual({ status: 400, code: 'InvalidParameterException', body: {
      message: "1 validation error detected: Value '-bad' at 'clusterName' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9A-Za-z][A-Za-z0-9\\-_]*",
    } });
    const unknown = await post({ token: await token() }, '/clusters/nope/assume-role-for-pod-identity');
    expect(unknown).toEqual({ status: 404, code: 'ResourceNotFoundException', body: { message: 'No cluster found for name: nope.' } });
  });

  it('should answer token, association and trust problems with their codes', async () => {
    expect(await post({ token: await token('sts.amazonaws.com') })).toEqual({ status: 400, code: 'InvalidTokenException', body: { message: 'The token included in the request is invalid.' } });
    const none = await post({ token: await token() });
    expect([none.status, none.code]).toEqual([404, 'ResourceNotFoundException']);
    putRole({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    createPodIdentityAssociation(ctx, { clusterName: 'demo', namespace: 'default', serviceAccount: 'app', roleArn: ROLE });
    const denied = await post({ token: await token() });
    expect([denied.status, denied.code]).toEqual([400, 'AccessDeniedException']);
    const expiring = await token('pods.eks.amazonaws.com', 600);
    (ctx.deps.clock as FixedClock).advance(3600);
    expect(await post({ token: expiring })).toEqual({
      status: 400,
      code: 'ExpiredTokenException',
      body: { message: 'The token included in the request is expired: current date/time 2026-03-01T13:00:00Z must be before the expiration date/time 2026-03-01T12:10:00Z.' },
    });
  });
});

describe('AssumeRoleForPodIdentity with odd claims signed by the cluster key', () => {
  const NOW = Date.parse('2026-03-01T12:00:00Z') / 1000;
  const INVALID = { status: 400, code: 'InvalidTokenException', body: { message: 'The token included in the request is invalid.' } };
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  async function signedText(payload: string, header: Record<string, unknown> = {}): Promise<string> {
    const { kid, privateKeyPem } = await exportClusterKey(ctx.store, ctx.deps, 'demo');
    const input = `${b64(JSON.stringify({ alg: 'RS256', kid, ...header }))}.${b64(payload)}`;
    return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKeyPem).toString('base64url')}`;
  }
  function podClaims(overrides: Record<string, unknown>): string {
    const { iss } = decodeJwtPayload(ctx);
    return JSON.stringify({
      aud: ['pods.eks.amazonaws.com'], exp: NOW + 3600, iat: NOW, iss, sub: 'system:serviceaccount:default:app',
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'app', uid: 'u1' }, pod: { name: 'app-1', uid: 'u2' } },
      ...overrides,
    });
  }

  it.each([
    ['exp missing', { exp: undefined }],
    ['exp -1e20', { exp: -1e20 }],
    ['exp 1e20', { exp: 1e20 }],
    ['nbf 1e20', { nbf: 1e20 }],
    ['iat -1e20', { iat: -1e20 }],
  ])('should answer %s with InvalidTokenException, never a 500', async (_name, overrides) => {
    putRole();
    createPodIdentityAssociation(ctx, { clusterName: 'demo', namespace: 'default', serviceAccount: 'app', roleArn: ROLE });
    expect(await post({ token: await signedText(podClaims(overrides)) })).toEqual(INVALID);
  });

  it('should answer exp 1e400 (Infinity once parsed) with InvalidTokenException', async () => {
    expect(await post({ token: await signedText(podClaims({ exp: 7777 }).replace('7777', '1e400')) })).toEqual(INVALID);
  });

  it('should refuse a token with crit ["foo"] (RFC 7515 §4.1.11)', async () => {
    putRole();
    createPodIdentityAssociation(ctx, { clusterName: 'demo', namespace: 'default', serviceAccount: 'app', roleArn: ROLE });
    expect(await post({ token: await signedText(podClaims({}), { crit: ['foo'], foo: 1 }) })).toEqual(INVALID);
  });
});

function decodeJwtPayload(context: ServerContext): { iss: string } {
  // The cluster's issuer URL, as minted tokens carry it.
  const oidcId = context.store.clusters.get(ACCOUNT, 'demo')?.oidcId;
  return { iss: `${context.config.publicUrl}/id/${String(oidcId)}` };
}
