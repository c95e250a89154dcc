import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionLog } from '../../audit/decision-log.js';
import { FixedClock } from '../../deps.js';
import { sampleDecision } from '../../testing.js';
import { openDatabase } from '../database.js';
import { Store } from '../store.js';
import { ThreadSink } from './write-sinks.js';
import type { BatchOutcome } from './write-sinks.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const clock = new FixedClock('2026-01-01T00:00:00Z');

let dir: string;
let store: Store;
let log: DecisionLog;
const count = (table: string, db = store.db) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eksid-write-thread-'));
  store = Store.open(dir, { writeThread: true });
  log = new DecisionLog(store, clock);
});
afterEach(() => {
  log.close();
  if (store.db.open) store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ThreadSink (Store.open with writeThread)', () => {
  it("should write the turn's decisions on the thread, none on the caller's connection", () => {
    const transaction = vi.spyOn(store.db, 'transaction');
    log.record(sampleDecision());
    store.writeBehind.flush();
    expect([count('decision_events'), transaction.mock.calls.length]).toEqual([1, 0]);
  });

  it('should tell listeners of decisions in order, with their ids, once written', async () => {
    const seen: [number, string, boolean][] = [];
    // Each listener call comes after its own row is in the file (the count is at least its id).
    log.subscribe((e) => seen.push([e.id, e.action, count('decision_events') >= e.id]));
    log.record(sampleDecision({ action: 'First' }));
    await nextTurn();
    log.record(sampleDecision({ action: 'Second' }));
    log.record(sampleDecision({ action: 'Third' }));
    expect(log.list().map((e) => [e.id, e.action])).toEqual([[1, 'First'], [2, 'Second'], [3, 'Third']]);
    expect(seen).toEqual([[1, 'First', true], [2, 'Second', true], [3, 'Third', true]]);
  });

  it('should report a decision batch it could not write', () => {
    const lost: number[] = [];
    const failing = new DecisionLog(store, clock, undefined, (_e, n) => lost.push(n));
    store.db.exec('DROP TABLE decision_events');
    failing.record(sampleDecision());
    failing.record(sampleDecision());
    store.writeBehind.flush();
    expect(lost).toEqual([2]);
  });

  it('should prune on the thread every 200 decisions, as the log does', () => {
    const small = new DecisionLog(store, clock, { maxCount: 50, maxAgeSeconds: 86_400 });
    for (let i = 0; i < 200; i++) small.record(sampleDecision({ time: clock.now() }));
    small.flush();
    expect(count('decision_events')).toBe(50);
  });

  it('should leave everything written on disk when the store closes', () => {
    log.record(sampleDecision());
    store.close();
    const reopened = new BetterSqlite3(join(dir, 'eksid.db'), { readonly: true });
    expect(count('decision_events', reopened)).toBe(1);
    reopened.close();
  });
});

describe('ThreadSink when its thread falls behind', () => {
  const insert = (n: number) => ({ sql: `INSERT INTO decision_events (time, source, action, outcome) VALUES (?, 'sts', 'A', 'allowed')`, rows: Array.from({ length: n }, () => ['2026-01-01T00:00:00Z']) });

  it('should wait in submit until the rows in flight are down to half its bound', () => {
    const db = openDatabase(join(dir, 'other'));
    const sink = new ThreadSink(join(dir, 'eksid.db'), db, 4);
    const settled: string[] = [];
    sink.submit([insert(3)], () => settled.push('first'));
    // 3 rows in flight: within the bound, so no answer can have been taken yet (answers arrive as messages).
    expect(settled).toEqual([]);
    sink.submit([insert(3)], () => settled.push('second'));
    // 6 > 4: submit took answers until at most 2 rows were left, so both batches have settled.
    expect(settled).toEqual(['first', 'second']);
    expect(count('decision_events')).toBe(6);
    sink.close();
    db.close();
  });

  it('should not wait in submit while the rows in flight stay within its bound', async () => {
    const db = openDatabase(join(dir, 'other'));
    const sink = new ThreadSink(join(dir, 'eksid.db'), db, 100);
    const settled: number[] = [];
    for (let i = 0; i < 10; i++) sink.submit([insert(10)], () => settled.push(i));
    expect(settled).toEqual([]);
    while (settled.length < 10) await nextTurn();
    expect(settled).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    sink.close();
    db.close();
  });
});

describe('ThreadSink when its thread cannot open the file', () => {
  it('should write every batch on the given connection instead', () => {
    const db = openDatabase(join(dir, 'other'));
    const sink = new ThreadSink(join(dir, 'no-such-dir', 'eksid.db'), db);
    const outcomes: BatchOutcome[] = [];
    const insert = { sql: `INSERT INTO decision_events (time, source, action, outcome) VALUES (?, 'sts', ?, 'allowed')`, rows: [['2026-01-01T00:00:00Z', 'A']], ids: true };
    const transaction = vi.spyOn(db, 'transaction');
    sink.submit([insert], (o) => outcomes.push(o));
    sink.submit([insert], (o) => outcomes.push(o));
    sink.drain();
    expect(outcomes).toEqual([{ outcomes: [{ ids: [1], changes: 1 }] }, { outcomes: [{ ids: [2], changes: 1 }] }]);
    expect(transaction).toHaveBeenCalledTimes(2);
    sink.close();
    db.close();
  });
});

describe('ThreadSink when its thread stops', () => {
  it('should settle what it left unanswered as failed and write what comes after here', async () => {
    const db = openDatabase(join(dir, 'other'));
    const sink = new ThreadSink(join(dir, 'eksid.db'), db);
    const { worker } = sink as unknown as { worker: Worker };
    const stopped = new Promise((resolve) => worker.once('exit', resolve));
    await worker.terminate();
    await stopped;
    const outcomes: BatchOutcome[] = [];
    sink.submit([{ sql: `INSERT INTO decision_events (time, source, action, outcome) VALUES (?, 'sts', 'A', 'allowed')`, rows: [['2026-01-01T00:00:00Z']] }], (o) => outcomes.push(o));
    sink.drain();
    expect(outcomes).toEqual([{ outcomes: [{ ids: [], changes: 1 }] }]);
    sink.close();
    db.close();
  });
});
