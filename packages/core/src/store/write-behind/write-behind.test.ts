import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionLog } from '../../audit/decision-log.js';
import { FixedClock } from '../../deps.js';
import { sampleDecision } from '../../testing.js';
import { Store } from '../store.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

let store: Store;
let log: DecisionLog;
const count = (table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

/** How many outermost transactions (BEGIN … COMMIT, not savepoints) the store runs from now on. */
function countTransactions(): () => number {
  let begun = 0;
  const transaction = store.db.transaction.bind(store.db);
  vi.spyOn(store.db, 'transaction').mockImplementation(((fn: () => unknown) => {
    const wrapped = transaction(fn);
    return Object.assign(() => {
      if (!store.db.inTransaction) begun++;
      return wrapped();
    }, wrapped);
  }) as typeof store.db.transaction);
  return () => begun;
}

beforeEach(() => {
  store = Store.open(':memory:');
  log = new DecisionLog(store, new FixedClock('2026-01-01T00:00:00Z'));
});
afterEach(() => {
  log.close();
  store.close();
});

describe('WriteBehind', () => {
  it("should write the turn's decisions once the turn is over, not before", async () => {
    log.record(sampleDecision());
    expect(count('decision_events')).toBe(0);
    await nextTurn();
    expect(count('decision_events')).toBe(1);
  });

  it("should write the turn's rows in one transaction", async () => {
    const transactions = countTransactions();
    log.record(sampleDecision());
    log.record(sampleDecision());
    await nextTurn();
    expect([count('decision_events'), transactions()]).toEqual([2, 1]);
  });

  it('should answer reads of queued rows before they are written', () => {
    log.record(sampleDecision({ action: 'Queued' }));
    expect(log.list().map((e) => e.action)).toEqual(['Queued']);
    expect(count('decision_events')).toBe(1);
  });

  it('should report a batch it could not write', async () => {
    const lost: number[] = [];
    const failing = new DecisionLog(store, new FixedClock('2026-01-01T00:00:00Z'), undefined, (_e, n) => lost.push(n));
    store.db.exec('DROP TABLE decision_events');
    failing.record(sampleDecision());
    await nextTurn();
    expect(lost).toEqual([1]);
  });

  it('should tell listeners of decisions only after the commit, with their ids', () => {
    const seen: [number, boolean][] = [];
    log.subscribe((e) => seen.push([e.id, store.db.inTransaction]));
    log.record(sampleDecision());
    store.writeBehind.flush();
    expect(seen).toEqual([[1, false]]);
  });

  it('should write nothing more on the next turn once flushed by hand', async () => {
    log.record(sampleDecision());
    store.writeBehind.flush();
    const transactions = countTransactions();
    await nextTurn();
    expect([count('decision_events'), transactions()]).toEqual([1, 0]);
  });
});
