import { STS_MESSAGES, createPodIdentityAssociation, mintServiceAccountToken, queryErrorXml } from '@eksid/core';
import type { DecisionEvent } from '@eksid/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, decode, post, startStsServer, xmlText } from './sts/test-support.js';
import type { Reply, StsTestServer } from './sts/test-support.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const T0 = new Date('2026-03-01T12:00:00Z');
const SUB = 'system:serviceaccount:default:app';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const POD_ROLE = `arn:aws:iam::${ACCOUNT}:role/pod-role`;
const POD_NAME = 'app-1';

let server: StsTestServer;
let irsaRole: string;
beforeEach(async () => {
  server = await startStsServer();
  irsaRole = server.putRole('irsa', {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: server.providerArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${server.hostPath}:sub`]: SUB, [`${server.hostPath}:aud`]: 'sts.amazonaws.com' } },
    }],
  });
});
afterEach(() => server.close());

/** Sends one call and answers what it did to the audit trail: every decision recorded meanwhile. */
async function recording<T>(call: () => Promise<T>): Promise<{ reply: T; events: DecisionEvent[] }> {
  const before = server.ctx.decisions.latestId();
  const reply = await call();
  return { reply, events: server.ctx.decisions.list({ afterId: before }) };
}

/** The one decision a call recorded. */
async function onlyDecision<T>(call: () => Promise<T>): Promise<{ reply: T; event: DecisionEvent }> {
  const { reply, events } = await recording(call);
  expect(events).toHaveLength(1);
  return { reply, event: events[0] as DecisionEvent };
}

const failedLines = (event: DecisionEvent) => event.trace.filter((line) => line.ok === false).map((line) => line.text);

/** What AWS would answer: exactly the awsQuery error document, and none of eksid's trace in it. */
function expectStsError(reply: Reply, event: DecisionEvent, status: number, code: string, message: string): void {
  expect(reply.status).toBe(status);
  expect(reply.body).toBe(queryErrorXml(NS, { fault: 'Sender', code, message }, reply.requestId));
  for (const line of event.trace) expect(decode(reply.body)).not.toContain(line.text);
}

const webIdentity = (token: string, extra: Record<string, string> = {}) =>
  post(server, { Action: 'AssumeRoleWithWebIdentity', RoleArn: irsaRole, RoleSessionName: 'pod', WebIdentityToken: token, ...extra });

describe('recordDecision', () => {
  describe('AssumeRoleWithWebIdentity', () => {
    it('records an allowed call with the service account, cluster, role and issued keys', async () => {
      const { reply, event } = await onlyDecision(async () => webIdentity(await server.token()));
      expect(reply.status).toBe(200);
      expect(event).toMatchObject({
        time: T0, source: 'sts', action: 'AssumeRoleWithWebIdentity', outcome: 'allowed',
        caller: SUB, cluster: 'c1', namespace: 'default', serviceAccount: 'app', role: irsaRole, errorCode: null, errorMessage: null,
        detail: { sourceIp: '127.0.0.1', accessKeyId: xmlText(reply.body, 'AccessKeyId'), assumedRoleArn: `arn:aws:sts::${ACCOUNT}:assumed-role/irsa/pod` },
      });
      expect(failedLines(event)).toEqual([]);
      // Three token checks; action, principal, two conditions, statement and decision of the trust policy.
      expect(event.trace.filter((line) => line.ok === true)).toHaveLength(9);
    });

    it('records a trust-policy refusal with the failing condition, and answers only AWS\'s AccessDenied', async () => {
      const { reply, event } = await onlyDecision(async () => webIdentity(await server.token('intruder')));
      expect(event).toMatchObject({
        source: 'sts', action: 'AssumeRoleWithWebIdentity', outcome: 'denied',
        caller: 'system:serviceaccount:default:intruder', cluster: 'c1', namespace: 'default', serviceAccount: 'intruder', role: irsaRole,
        errorCode: 'AccessDenied', errorMessage: 'Not authorized to perform sts:AssumeRoleWithWebIdentity', detail: { sourceIp: '127.0.0.1' },
      });
      expect(failedLines(event)).toEqual([
        `statement 0 (Allow): condition StringEquals ${server.hostPath}:sub: "system:serviceaccount:default:intruder" not in ["${SUB}"]`,
        'statement 0 (Allow): does not apply',
        'decision: ImplicitDeny (no statement allows the request)',
        'answered AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity',
      ]);
      expectStsError(reply, event, 403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    });

    it('records a refused token with the check that failed and who it claimed to be', async () => {
      const token = await mintServiceAccountToken(server.ctx.store, server.ctx.deps, server.ctx.config, { clusterName: 'c1', namespace: 'default', serviceAccount: 'app', audiences: ['sts'], expirationSeconds: 3600 });
      const { reply, event } = await onlyDecision(() => webIdentity(token));
      expect(event).toMatchObject({
        outcome: 'denied', caller: SUB, cluster: 'c1', namespace: 'default', serviceAccount: 'app', role: irsaRole,
        errorCode: 'InvalidIdentityToken', errorMessage: STS_MESSAGES.audience,
      });
      expect(event.trace).toEqual([
        { ok: false, text: 'token aud check: aud ["sts"] not in client ids ["sts.amazonaws.com"]' },
        { ok: false, text: `answered InvalidIdentityToken: ${STS_MESSAGES.audience}` },
      ]);
      expectStsError(reply, event, 400, 'InvalidIdentityToken', STS_MESSAGES.audience);
    });

    it('records a ValidationError before anything is known about the caller', async () => {
      const message = "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2";
      const { reply, event } = await onlyDecision(async () => webIdentity(await server.token(), { RoleSessionName: 'a' }));
      expect(event).toEqual({
        id: event.id, time: T0, source: 'sts', action: 'AssumeRoleWithWebIdentity', outcome: 'denied',
        caller: null, cluster: null, namespace: null, serviceAccount: null, role: null,
        errorCode: 'ValidationError', errorMessage: message, trace: [{ ok: false, text: `answered ValidationError: ${message}` }], detail: { sourceIp: '127.0.0.1' },
      });
      expectStsError(reply, event, 400, 'ValidationError', message);
    });
  });

  describe('AssumeRole', () => {
    it('records an allowed call by root', async () => {
      const target = server.putRole('target', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }] });
      const { reply, event } = await onlyDecision(() => post(server, { Action: 'AssumeRole', RoleArn: target, RoleSessionName: 'ops' }, 'root'));
      expect(reply.status).toBe(200);
      expect(event).toMatchObject({
        source: 'sts', action: 'AssumeRole', outcome: 'allowed', caller: ROOT, cluster: null, namespace: null, serviceAccount: null, role: target, errorCode: null,
        detail: { sourceIp: '127.0.0.1', accessKeyId: xmlText(reply.body, 'AccessKeyId'), assumedRoleArn: `arn:aws:sts::${ACCOUNT}:assumed-role/target/ops` },
      });
      expect(failedLines(event)).toEqual([]);
    });

    it('records a refusal by the trust policy, and answers only STS\'s message', async () => {
      const other = server.putRole('other', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' }] });
      const message = `User: ${ROOT} is not authorized to perform: sts:AssumeRole on resource: ${other}`;
      const { reply, event } = await onlyDecision(() => post(server, { Action: 'AssumeRole', RoleArn: other, RoleSessionName: 'ops' }, 'root'));
      expect(event).toMatchObject({ source: 'sts', action: 'AssumeRole', outcome: 'denied', caller: ROOT, role: other, errorCode: 'AccessDenied', errorMessage: message });
      expect(failedLines(event)).toEqual([
        `statement 0 (Allow): AWS ["${ROOT}"] of account ${ACCOUNT} does not match Principal {"AWS":["444455556666"]}`,
        'statement 0 (Allow): does not apply',
        'decision: ImplicitDeny (no statement allows the request)',
        `answered AccessDenied: ${message}`,
      ]);
      expectStsError(reply, event, 403, 'AccessDenied', message);
    });
  });

  describe('AssumeRoleForPodIdentity', () => {
    const podToken = (audience = 'pods.eks.amazonaws.com') =>
      mintServiceAccountToken(server.ctx.store, server.ctx.deps, server.ctx.config, {
        clusterName: 'c1', namespace: 'default', serviceAccount: 'app', audiences: [audience], expirationSeconds: 86400, pod: { name: POD_NAME, uid: 'f00dfeed-0000-4000-8000-000000000001' },
      });
    async function eksAuth(token: string): Promise<{ status: number; code: string | null; body: unknown }> {
      const res = await fetch(`${server.url}/clusters/c1/assume-role-for-pod-identity`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      return { status: res.status, code: res.headers.get('x-amzn-errortype'), body: await res.json() };
    }
    const POD_SUBJECT = { caller: `pod default/${POD_NAME}`, cluster: 'c1', namespace: 'default', serviceAccount: 'app' };

    it('records an allowed call with the pod, its service account and the association\'s role', async () => {
      server.putRole('pod-role', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] });
      createPodIdentityAssociation(server.ctx, { clusterName: 'c1', namespace: 'default', serviceAccount: 'app', roleArn: POD_ROLE });
      const { reply, event } = await onlyDecision(async () => eksAuth(await podToken()));
      expect(reply.status).toBe(200);
      const { credentials, assumedRoleUser } = reply.body as { credentials: { accessKeyId: string }; assumedRoleUser: { arn: string } };
      expect(event).toMatchObject({
        time: T0, source: 'eks-auth', action: 'AssumeRoleForPodIdentity', outcome: 'allowed', ...POD_SUBJECT, role: POD_ROLE, errorCode: null, errorMessage: null,
        detail: { sourceIp: '127.0.0.1', accessKeyId: credentials.accessKeyId, assumedRoleArn: assumedRoleUser.arn },
      });
      expect(failedLines(event)).toEqual([]);
    });

    it('records a service account without association as ResourceNotFound, the body AWS\'s alone', async () => {
      const message = 'No Pod Identity Association found for service account app in namespace default of cluster c1.';
      const { reply, event } = await onlyDecision(async () => eksAuth(await podToken()));
      expect(event).toMatchObject({ source: 'eks-auth', outcome: 'denied', ...POD_SUBJECT, role: null, errorCode: 'ResourceNotFoundException', errorMessage: message });
      expect(failedLines(event)).toEqual(['no pod identity association for service account default/app in cluster c1', `answered ResourceNotFoundException: ${message}`]);
      expect(reply).toEqual({ status: 404, code: 'ResourceNotFoundException', body: { message } });
    });

    it('records a refused token with its reason, the body AWS\'s alone', async () => {
      const message = 'The token included in the request is invalid.';
      const { reply, event } = await onlyDecision(async () => eksAuth(await podToken('sts.amazonaws.com')));
      expect(event).toMatchObject({ source: 'eks-auth', outcome: 'denied', caller: SUB, cluster: 'c1', namespace: 'default', serviceAccount: 'app', role: null, errorCode: 'InvalidTokenException', errorMessage: message });
      expect(event.trace).toEqual([
        { ok: false, text: 'token audience: aud ["sts.amazonaws.com"] not in expected audience ["pods.eks.amazonaws.com"]' },
        { ok: false, text: `answered InvalidTokenException: ${message}` },
      ]);
      expect(reply).toEqual({ status: 400, code: 'InvalidTokenException', body: { message } });
    });
  });

  it('records nothing for calls that decide no credentials', async () => {
    const { reply, events } = await recording(() => post(server, { Action: 'GetCallerIdentity' }, 'root'));
    expect([reply.status, events]).toEqual([200, []]);
  });
});
