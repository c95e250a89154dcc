import { describe, expect, it } from 'vitest';
import { EksAuthResponseError } from '../credentials/eks-auth-errors.js';
import type { PodCredentials } from '../credentials/model.js';
import { AccessDeniedError } from '../errors.js';
import { fakeToken } from '../testing/tokens.js';
import { credentialsDecision, refusedByEksAuth } from './credentials-decision.js';

const context = { clusterName: 'demo', endpoint: 'http://127.0.0.1:4599' };
const time = new Date('2026-01-01T00:00:00Z');
const token = fakeToken({ sub: 'system:serviceaccount:team:worker' });
const creds: PodCredentials = {
  accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't', accountId: '111122223333',
  expiration: Date.UTC(2026, 0, 1, 6), roleArn: 'arn:aws:sts::111122223333:assumed-role/worker-role/eks-demo-w-1', roleId: 'AROA:x', associationId: '',
};
const refused = (status: number, body: string, error: unknown) => credentialsDecision(context, { token, client: '10.0.0.7:4711', refused: { status, body, error } }, time);

describe('credentialsDecision', () => {
  it('should name the service account from sub when the token has no pod claims', () => {
    const event = credentialsDecision(context, { token, client: '10.0.0.7:4711', served: { creds, from: 'eks-auth-shared', cachedUntil: undefined } }, time);
    expect(event).toMatchObject({
      caller: 'system:serviceaccount:team:worker', namespace: 'team', serviceAccount: 'worker', role: 'arn:aws:iam::111122223333:role/worker-role',
      detail: { client: '10.0.0.7:4711', from: 'eks-auth-shared', expiration: '2026-01-01T06:00:00.000Z' },
    });
    expect(event.trace.map((line) => line.text)).toEqual([
      'token is a JWT within its exp and nbf (the agent checks nothing more; EKS Auth verified it when it issued these credentials)',
      'fetched from EKS Auth at http://127.0.0.1:4599 by a concurrent request with the same token: session arn:aws:sts::111122223333:assumed-role/worker-role/eks-demo-w-1, not cached (the cache is off)',
      'answered 200 with access key ASIA1 expiring 2026-01-01T06:00:00.000Z',
    ]);
  });

  it.each([
    ['EKS Auth unreachable', 500, '[]', new EksAuthResponseError(0, '', undefined, 'request send failed, connect ECONNREFUSED'),
      'Internal Server Error', 'EKS Auth at http://127.0.0.1:4599 did not answer: request send failed, connect ECONNREFUSED'],
    ['a wrong Host header', 403, 'Access Denied. …', new AccessDeniedError('…'),
      'Forbidden', 'the agent refused the request before calling EKS Auth: Access Denied. …'],
    ['the rate limit', 429, 'Too Many Requests', undefined,
      'Too Many Requests', 'over the agent\'s rate limit for /v1/credentials'],
    ['credentials too short-lived to serve', 500, 'fetched credentials are expired', new Error('fetched credentials are expired'),
      'Internal Server Error', 'fetched credentials are expired'],
  ])('should record %s as denied with the failing step', (_name, status, body, error, code, step) => {
    const event = refused(status, body, error);
    expect(event).toMatchObject({ outcome: 'denied', errorCode: code, errorMessage: body, detail: { status } });
    expect(event.trace.filter((line) => line.ok === false).map((line) => line.text)).toEqual([step, `answered ${status}: ${body}`]);
  });

  it('should leave the subject unknown for a token that is not a JWT', () => {
    const event = credentialsDecision(context, { token: 'Bearer x', client: 'c', refused: { status: 400, body: 'bad', error: new AccessDeniedError('x') } }, time);
    expect(event).toMatchObject({ caller: null, namespace: null, serviceAccount: null, cluster: 'demo' });
  });
});

describe('refusedByEksAuth', () => {
  const answered = (status: number, code: string) => new EksAuthResponseError(status, 'r-1', { code, message: 'm', fault: 'client' }, 'failed');
  it.each<[string, number, unknown, boolean]>([
    ['EKS Auth\'s AccessDeniedException', 400, answered(400, 'AccessDeniedException'), true],
    ['EKS Auth\'s ResourceNotFoundException, wrapped', 400, new Error('fetch failed', { cause: answered(400, 'ResourceNotFoundException') }), true],
    ['an answer EKS Auth does not model', 404, answered(404, 'UnknownOperationException'), false],
    ['EKS Auth unreachable', 500, new EksAuthResponseError(0, '', undefined, 'connect ECONNREFUSED'), false],
    ['the agent\'s own refusal', 403, new AccessDeniedError('…'), false],
    ['the rate limit', 429, undefined, false],
  ])('should tell %s', (_name, status, error, expected) => {
    expect(refusedByEksAuth({ token, client: 'c', refused: { status, body: 'b', error } })).toBe(expected);
  });

  it('should never take served credentials for a refusal', () => {
    expect(refusedByEksAuth({ token, client: 'c', served: { creds, from: 'cache', cachedUntil: undefined } })).toBe(false);
  });
});
