// Fixtures for other packages' tests (`@eksid/core/testing`); nothing here runs in production.
import type { DecisionEventInput } from './audit/index.js';

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
