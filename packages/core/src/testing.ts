import type { DecisionEventInput } from './audit/index.js';
import type { SessionFacts } from './store/index.js';

/**
 * A decision as the STS route records an allowed AssumeRoleWithWebIdentity of the demo's
 * default/app; tests override what they look at (time, outcome, trace…).
 */
export function sampleDecision(over: Partial<DecisionEventInput> = {}): DecisionEventInput {
  return {
    time: new Date('2026-03-01T12:00:00Z'),
    source: 'sts',
    action: 'AssumeRoleWithWebIdentity',
    outcome: 'allowed',
    caller: 'system:serviceaccount:default:app',
    cluster: 'demo',
    namespace: 'default',
    serviceAccount: 'app',
    role: 'arn:aws:iam::000000000000:role/app',
    errorCode: null,
    errorMessage: null,
    trace: [{ ok: true, text: 'signature verified' }],
    detail: {},
    ...over,
  };
}

/** The facts of a session issued for role App an hour before it expires; tests override what they look at. */
export function sampleSessionFacts(accessKeyId: string, over: Partial<SessionFacts> = {}): SessionFacts {
  return {
    accessKeyId,
    expiration: new Date('2026-01-01T01:00:00Z'),
    accountId: '000000000000',
    arn: 'arn:aws:sts::000000000000:assumed-role/App/s',
    userId: 'AROAEXAMPLE:s',
    roleArn: 'arn:aws:iam::000000000000:role/App',
    sessionName: 's',
    context: {},
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...over,
  };
}

export { STS_FORM_POST, signForTest } from './sigv4/sign-for-test.js';
export type { TestCredentials, TestRequest, TestSigning } from './sigv4/sign-for-test.js';
