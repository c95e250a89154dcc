import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FixedClock } from '../deps.js';
import { DecisionReporter } from './reporter.js';
import { RejectedBatchError } from './reporter-types.js';
import type { DecisionReporterOptions, SendDecisions } from './reporter-types.js';
import type { DecisionEventInput } from './types.js';

const START = '2026-03-01T12:00:00.000Z';

function decision(action: string, time: Date): DecisionEventInput {
  return {
    time, source: 'agent', action, outcome: 'allowed',
    caller: null, cluster: 'demo', namespace: null, serviceAccount: null, role: null,
    errorCode: null, errorMessage: null, trace: [], detail: {},
  };
}

/** A receiver whose answers the test controls: each send waits until the test settles it. */
function receiver() {
  const batches: { actions: string[]; times: string[] }[] = [];
  const settles: { resolve: () => void; reject: (e: Error) => void }[] = [];
  let answer: 'ok' | 'fail' | 'reject' | 'hold' = 'ok';
  const send: SendDecisions = (batch) => {
    batches.push({ actions: batch.map((e) => e.action), times: batch.map((e) => e.time.toISOString()) });
    if (answer === 'ok') return Promise.resolve();
    if (answer === 'fail') return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:4599'));
    if (answer === 'reject') return Promise.reject(new RejectedBatchError('POST /_eksid/events answered HTTP 404'));
    return new Promise((resolve, reject) => settles.push({ resolve, reject }));
  };
  return { batches, settles, send, answer: (a: typeof answer) => void (answer = a) };
}

let clock: FixedClock;
let rx: ReturnType<typeof receiver>;
let warnings: string[];
let reporter: DecisionReporter;

const make = (options: Partial<DecisionReporterOptions> = {}): DecisionReporter =>
  new DecisionReporter({ send: rx.send, clock, warn: (m) => void warnings.push(m), ...options });
const reportMany = (n: number, prefix = 'a'): void => {
  for (let i = 0; i < n; i++) reporter.report((time) => decision(`${prefix}${i}`, time));
};

beforeEach(() => {
  vi.useFakeTimers();
  clock = new FixedClock(START);
  rx = receiver();
  warnings = [];
  reporter = make();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('DecisionReporter', () => {
  it('should send a partial batch after the flush delay, stamped with the clock when reported', async () => {
    reporter.report((time) => decision('first', time));
    clock.advance(1);
    reporter.report((time) => decision('second', time));
    await vi.advanceTimersByTimeAsync(499);
    expect(rx.batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(rx.batches).toEqual([{ actions: ['first', 'second'], times: [START, '2026-03-01T12:00:01.000Z'] }]);
    expect(reporter.stats()).toEqual({ queued: 0, sent: 2, dropped: { rate: 0, overflow: 0, undelivered: 0, unbuildable: 0 } });
  });

  it('should build each record only when its batch is sent, not when reported', async () => {
    const build = vi.fn((time: Date) => decision('lazy', time));
    reporter.report(build);
    expect(build).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(build).toHaveBeenCalledWith(new Date(START));
  });

  it('should send at once when a batch is full, 100 at a time', async () => {
    reportMany(250);
    await vi.advanceTimersByTimeAsync(0);
    expect(rx.batches.map((b) => b.actions.length)).toEqual([100, 100]);
    await vi.advanceTimersByTimeAsync(500);
    expect(rx.batches.map((b) => b.actions.length)).toEqual([100, 100, 50]);
  });

  it('should keep one send in flight at a time', async () => {
    rx.answer('hold');
    reportMany(300);
    await vi.advanceTimersByTimeAsync(1000);
    expect(rx.batches).toHaveLength(1);
    rx.settles[0]?.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(rx.batches).toHaveLength(2);
  });

  it('should drop the oldest queued decisions when the queue is full, counting them', async () => {
    reporter = make({ maxQueued: 5, batchSize: 2, maxPerSecond: Infinity });
    rx.answer('hold');
    reportMany(2);
    await vi.advanceTimersByTimeAsync(0);
    reportMany(8, 'b');
    expect(reporter.stats()).toMatchObject({ queued: 7, dropped: { overflow: 3 } });
    rx.answer('ok');
    rx.settles[0]?.resolve();
    await reporter.flush();
    expect(rx.batches.map((b) => b.actions)).toEqual([['a0', 'a1'], ['b3', 'b4'], ['b5', 'b6'], ['b7']]);
  });

  it('should retry a failed batch with backoff, then drop it and warn once per outage', async () => {
    reporter = make({ maxAttempts: 3 });
    rx.answer('fail');
    reportMany(3);
    await vi.advanceTimersByTimeAsync(500);
    expect(rx.batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(rx.batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(rx.batches).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(rx.batches).toHaveLength(3);
    expect(reporter.stats()).toMatchObject({ queued: 0, sent: 0, dropped: { undelivered: 3 } });
    expect(rx.batches.every((b) => b.actions.join() === 'a0,a1,a2')).toBe(true);
    reportMany(1, 'b');
    await vi.advanceTimersByTimeAsync(500 + 500 + 1000);
    expect(warnings).toEqual(['decision events could not be delivered (connect ECONNREFUSED 127.0.0.1:4599); dropping 3 and retrying with later ones']);
    rx.answer('ok');
    reportMany(1, 'c');
    await reporter.flush();
    expect(warnings[1]).toBe('decision events are delivered again; 4 were dropped meanwhile');
  });

  it('should drop a batch the receiver refuses without retrying it', async () => {
    rx.answer('reject');
    reportMany(2);
    await reporter.flush();
    expect(rx.batches).toHaveLength(1);
    expect(reporter.stats().dropped.undelivered).toBe(2);
    expect(warnings[0]).toContain('POST /_eksid/events answered HTTP 404');
  });

  it('should never throw into the caller: a failing builder costs only its own record', async () => {
    reporter.report(() => {
      throw new Error('bug');
    });
    reportMany(1);
    await reporter.flush();
    expect(rx.batches.map((b) => b.actions)).toEqual([['a0']]);
    expect(reporter.stats().dropped.unbuildable).toBe(1);
  });

  it('should flush without waiting for the delay, resolving once the receiver has the batch', async () => {
    rx.answer('hold');
    reportMany(2);
    let flushed = false;
    const flushing = reporter.flush().then(() => void (flushed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(rx.batches).toHaveLength(1);
    expect(flushed).toBe(false);
    rx.settles[0]?.resolve();
    await flushing;
    expect(reporter.stats().sent).toBe(2);
  });

  it('should resolve a flush with nothing queued at once', async () => {
    await expect(reporter.flush()).resolves.toBeUndefined();
  });

  it('should send what is queued on close, give up at the first failure, and ignore later reports', async () => {
    reporter = make({ batchSize: 2 });
    rx.answer('fail');
    reportMany(5);
    await reporter.close();
    expect(rx.batches).toHaveLength(1);
    expect(reporter.stats()).toMatchObject({ queued: 0, dropped: { undelivered: 5 } });
    reportMany(1, 'late');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rx.batches).toHaveLength(1);
  });

  it('should cut a retry wait short on close', async () => {
    rx.answer('fail');
    reportMany(1);
    await vi.advanceTimersByTimeAsync(500);
    rx.answer('ok');
    await reporter.close();
    expect(rx.batches).toHaveLength(2);
    expect(reporter.stats().sent).toBe(1);
  });

  it('should record at most maxPerSecond after a burst, counting the rest and telling the next record', async () => {
    reporter = make({ maxPerSecond: 2, maxQueued: 4 });
    reportMany(6);
    await reporter.flush();
    clock.advance(0.5);
    reportMany(1, 'b');
    await reporter.flush();
    expect(rx.batches.map((b) => b.actions)).toEqual([['a0', 'a1', 'a2', 'a3'], ['b0']]);
    expect(reporter.stats().dropped.rate).toBe(2);
    expect(warnings).toEqual(['recording at most 2 decisions per second: 1 more counted, not recorded']);
  });

  it('should say in the next record how many before it were not recorded', async () => {
    const details: unknown[] = [];
    reporter = new DecisionReporter({ send: (batch) => Promise.resolve(void details.push(...batch.map((e) => e.detail))), clock, maxPerSecond: 1, maxQueued: 1 });
    reportMany(3);
    await reporter.flush();
    clock.advance(1);
    reportMany(1, 'b');
    await reporter.flush();
    expect(details).toEqual([{}, { notRecordedBefore: 2 }]);
  });

  it('should refuse nonsense bounds as a caller bug', () => {
    expect(() => make({ maxQueued: 0 })).toThrow(new TypeError('maxQueued must be a positive integer, got 0'));
  });
});
