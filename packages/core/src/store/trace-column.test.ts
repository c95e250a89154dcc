import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecisionEventInput, TraceLine } from '../audit/types.js';
import { Store } from './store.js';
import { decodeTrace, encodeTrace } from './trace-column.js';

const TRACE: TraceLine[] = [
  { ok: true, text: 'token issuer "http://127.0.0.1:4599/id/AB" is OIDC provider arn:aws:iam::000000000000:oidc-provider/127.0.0.1:4599/id/AB' },
  { ok: null, text: 'trust policy of arn:aws:iam::000000000000:role/app, actions sts:AssumeRoleWithWebIdentity:' },
  { ok: false, text: 'statement 0 (Allow): condition StringEquals x:sub: "a\\nb" not in ["[x]", "+", "-", "="] → false' },
];

describe('decision trace column', () => {
  it('should write one marked line per trace line, and read it back', () => {
    const text = encodeTrace(TRACE);
    expect(text.split('\n').map((line) => line.charAt(0))).toEqual(['+', '=', '-']);
    expect(decodeTrace(text)).toEqual(TRACE);
  });

  it('should write JSON for a trace whose text holds a newline, and read that back', () => {
    const trace: TraceLine[] = [...TRACE, { ok: false, text: 'internal error: first line\nsecond line' }];
    const text = encodeTrace(trace);
    expect(JSON.parse(text)).toEqual(trace);
    expect(decodeTrace(text)).toEqual(trace);
  });

  it('should round-trip an empty trace and texts that are empty or start like JSON', () => {
    for (const trace of [[], [{ ok: true, text: '' }], [{ ok: null, text: '[' }, { ok: false, text: '' }]] as TraceLine[][]) {
      expect(decodeTrace(encodeTrace(trace))).toEqual(trace);
    }
  });

  it('should round-trip any trace', () => {
    const line = fc.record({ ok: fc.constantFrom(true, false, null), text: fc.string({ unit: 'binary' }) });
    fc.assert(fc.property(fc.array(line, { maxLength: 12 }), (trace) => {
      expect(decodeTrace(encodeTrace(trace))).toEqual(trace);
    }), { numRuns: 300 });
  });

  it('should read rows written as JSON before, and fail loudly on a line with no mark', () => {
    expect(decodeTrace('[]')).toEqual([]);
    expect(decodeTrace(JSON.stringify(TRACE))).toEqual(TRACE);
    expect(() => decodeTrace('+ok\n?what')).toThrow('decision trace line with no verdict mark: "?what"');
  });

  it('should be what the decision_events table stores and lists, old JSON rows included', () => {
    const store = Store.open(':memory:');
    try {
      const event: DecisionEventInput = {
        time: new Date('2026-12-01T12:00:00Z'), source: 'sts', action: 'AssumeRoleWithWebIdentity', outcome: 'denied',
        caller: null, cluster: 'demo', namespace: null, serviceAccount: null, role: null, errorCode: 'AccessDenied', errorMessage: 'no', trace: TRACE, detail: {},
      };
      store.decisionEvents.insertMany([event]);
      store.db.prepare(`INSERT INTO decision_events (time, source, action, outcome, trace, detail) VALUES (?, 'sts', 'AssumeRole', 'allowed', ?, '{}')`).run('2026-12-01T12:00:01.000Z', JSON.stringify(TRACE.slice(0, 1)));
      const stored = store.db.prepare('SELECT trace FROM decision_events ORDER BY id').pluck().all() as string[];
      expect(stored[0]).toBe(encodeTrace(TRACE));
      expect(store.decisionEvents.list().map((e) => e.trace)).toEqual([TRACE, TRACE.slice(0, 1)]);
    } finally {
      store.close();
    }
  });
});
