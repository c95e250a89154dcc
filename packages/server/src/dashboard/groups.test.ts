import type { DecisionEvent, DecisionEventInput } from '@eksid/core';
import { describe, expect, it } from 'vitest';
import { groupDecisions } from './groups.js';
import { allowedDecision, deniedDecision, stored } from './test-support.js';

const events = (...inputs: DecisionEventInput[]): DecisionEvent[] => inputs.map((input, i) => stored(i + 1, input));
const shape = (list: DecisionEvent[]) => groupDecisions(list).map((g) => [g.latest.id, g.count]);

describe('groupDecisions', () => {
  it('should fold identical decisions, consecutive or not, into their latest, newest group first', () => {
    expect(shape(events(deniedDecision(), allowedDecision(), deniedDecision(), deniedDecision(), allowedDecision()))).toEqual([[5, 2], [4, 3]]);
  });

  it('should ignore what differs between retries: time, ids in the detail, the rest of the trace', () => {
    const retry = (n: number) => deniedDecision({ time: new Date(1000 * n), detail: { sourceIp: `10.0.0.${n}` }, trace: [{ ok: null, text: `attempt ${n}` }, { ok: false, text: 'same step' }] });
    expect(shape(events(retry(1), retry(2), retry(3)))).toEqual([[3, 3]]);
  });

  it.each<[string, Partial<DecisionEventInput>]>([
    ['service', { source: 'eks-auth' }],
    ['action', { action: 'AssumeRole' }],
    ['cluster', { cluster: 'other' }],
    ['service account', { serviceAccount: 'other' }],
    ['role', { role: 'arn:aws:iam::000000000000:role/other' }],
    ['error code', { errorCode: 'InvalidIdentityToken' }],
    ['failed step', { trace: [{ ok: false, text: 'another step' }] }],
  ])('should keep decisions apart that differ in %s', (_what, change) => {
    expect(shape(events(deniedDecision(), deniedDecision(change)))).toEqual([[2, 1], [1, 1]]);
  });

  it('should keep an allowed and a denied decision apart', () => {
    expect(shape(events(allowedDecision(), deniedDecision()))).toEqual([[2, 1], [1, 1]]);
  });
});
