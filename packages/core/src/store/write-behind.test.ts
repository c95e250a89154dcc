import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionLog } from '../audit/decision-log.js';
import { FixedClock } from '../deps.js';
import { sampleDecision, sampleSession } from '../testing.js';
import { Store } from './store.js';
import type { SessionRecord } from './types.js';

const session = (accessKeyId: string): SessionRecord => sampleSession(accessKeyId);

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
  it("should write the turn's sessions and decisions once the turn is over, not before", async () => {
    store.sessions.insert(session('ASIAONE'));
    log.record(sampleDecision());
    expect([count('sessions'), count('decision_events')]).toEqual([0, 0]);
    await nextTurn();
    expect([count('sessions'), count('decision_events')]).toEqual([1, 1]);
  });

  it('should write both tables in one transaction', async () => {
    const transactions = countTransactions();
    store.sessions.insert(session('ASIAONE'));
    store.sessions.insert(session('ASIATWO'));
    log.record(sampleDecision());
    log.record(sampleDecision());
    await nextTurn();
    expect([count('sessions'), count('decision_events'), transactions()]).toEqual([2, 2, 1]);
  });

  it('should answer reads of queued rows before they are written', () => {
    store.sessions.insert(session('ASIAONE'));
    log.record(sampleDecision({ action: 'Queued' }));
    expect(store.sessions.get('ASIAONE')).toEqual(session('ASIAONE'));
    expect(log.list().map((e) => e.action)).toEqual(['Queued']);
    expect(count('sessions')).toBe(1);
  });

  it('should keep the sessions when the decision batch cannot be written', async () => {
    const lost: number[] = [];
    const failing = new DecisionLog(store, new FixedClock('2026-01-01T00:00:00Z'), undefined, (_e, n) => lost.push(n));
    store.db.exec('DROP TABLE decision_events');
    store.sessions.insert(session('ASIAONE'));
    failing.record(sampleDecision());
    await nextTurn();
    expect([count('sessions'), lost]).toEqual([1, [1]]);
  });

  it('should tell listeners of decisions only after the commit, with their ids', () => {
    const seen: [number, boolean][] = [];
    log.subscribe((e) => seen.push([e.id, store.db.inTransaction]));
    log.record(sampleDecision());
    store.sessions.flush();
    expect(seen).toEqual([[1, false]]);
  });

  it('should write nothing more on the next turn once flushed by hand', async () => {
    store.sessions.insert(session('ASIAONE'));
    store.sessions.flush();
    const transactions = countTransactions();
    await nextTurn();
    expect([count('sessions'), transactions()]).toEqual([1, 0]);
  });
});
