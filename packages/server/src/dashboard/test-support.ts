import type { DecisionEvent, DecisionEventInput } from '@eksid/core';
import { sampleDecision } from '@eksid/core/testing';

/* Test support: decisions as the STS routes record them. Not exported from the package. */
export const DEMO_ROLE_ARN = 'arn:aws:iam::000000000000:role/demo-app';

export function allowedDecision(overrides: Partial<DecisionEventInput> = {}): DecisionEventInput {
  return sampleDecision({
    time: new Date('2026-03-01T12:00:05Z'),
    role: DEMO_ROLE_ARN,
    trace: [{ ok: null, text: 'trust policy of role/demo-app' }, { ok: true, text: 'sub matches' }],
    detail: { accessKeyId: 'ASIAEXAMPLE', sessionDuration: 3600 },
    ...overrides,
  });
}

export function deniedDecision(overrides: Partial<DecisionEventInput> = {}): DecisionEventInput {
  return allowedDecision({
    outcome: 'denied',
    errorCode: 'AccessDenied',
    errorMessage: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    trace: [{ ok: false, text: 'aud "sts" not in client ids ["sts.amazonaws.com"]' }],
    ...overrides,
  });
}

export const stored = (id: number, input: DecisionEventInput): DecisionEvent => ({ ...input, id });
