import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Store } from '../store/store.js';
import { matchesDecisionFilter } from './filter.js';
import type { DecisionEventInput, DecisionFilter } from './types.js';

const input = (cluster: string | null, outcome: 'allowed' | 'denied'): DecisionEventInput => ({
  time: new Date('2026-03-01T12:00:00Z'),
  source: 'sts',
  action: 'AssumeRoleWithWebIdentity',
  outcome,
  caller: null,
  cluster,
  namespace: null,
  serviceAccount: null,
  role: null,
  errorCode: outcome === 'denied' ? 'AccessDenied' : null,
  errorMessage: null,
  trace: [],
  detail: {},
});

describe('matchesDecisionFilter', () => {
  it('should select exactly what the store lists for the same filter', () => {
    const events = fc.array(fc.tuple(fc.constantFrom('demo', 'other', null), fc.constantFrom('allowed' as const, 'denied' as const)), { maxLength: 30 });
    const filters = fc.record({ afterId: fc.option(fc.nat(35), { nil: undefined }), cluster: fc.option(fc.constantFrom('demo', 'other', 'none'), { nil: undefined }), deniedOnly: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(events, filters, (rows, filter: DecisionFilter) => {
        const store = Store.open(':memory:');
        const stored = store.decisionEvents.insertMany(rows.map(([cluster, outcome]) => input(cluster, outcome)));
        expect(stored.filter((e) => matchesDecisionFilter(e, filter)).map((e) => e.id)).toEqual(store.decisionEvents.list(filter).map((e) => e.id));
        store.close();
      }),
      { numRuns: 50 },
    );
  });
});
