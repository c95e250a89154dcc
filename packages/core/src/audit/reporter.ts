import { RecordRate } from './record-rate.js';
import { RejectedBatchError } from './reporter-types.js';
import type { BuildDecision, DecisionReporterOptions, DropReason, ReporterStats } from './reporter-types.js';
import type { DecisionEventInput } from './types.js';

interface Pending {
  seq: number;
  time: Date;
  build: BuildDecision;
  /** Decisions not recorded (over the rate) since the one before this. */
  notRecordedBefore: number;
}

interface Batch {
  firstSeq: number;
  size: number;
  events: DecisionEventInput[];
  attempts: number;
}

const defaultBackoff = (retry: number): number => Math.min(500 * 2 ** (retry - 1), 8000);

/**
 * Hands decisions made in one process (a node agent, the webhook) to the audit trail kept by
 * another. Reporting must never slow or break the decision itself, so `report` only stamps
 * the time, checks the record rate and queues: building the record, serializing and sending
 * happen later, in batches, one send at a time. The queue is bounded and a batch that cannot
 * be delivered is retried a few times then dropped, so a dead receiver costs memory up to the
 * bound and nothing else; every drop is counted.
 */
export class DecisionReporter {
  private queue: Pending[] = [];
  private batch: Batch | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The timer sends now (full batch, flush, retry) rather than waiting for the batch to fill. */
  private timerIsPrompt = false;
  private seq = 0;
  /** Decisions up to this sequence number are being flushed: send them without waiting. */
  private flushThrough = 0;
  private closing = false;
  private failing = false;
  private droppedWhileFailing = 0;
  private readonly waiters = new Set<() => void>();
  private sent = 0;
  private readonly dropped: Record<Exclude<DropReason, 'rate'>, number> = { overflow: 0, undelivered: 0, unbuildable: 0 };
  private readonly rate: RecordRate | undefined;
  private readonly maxQueued: number;
  private readonly batchSize: number;
  private readonly flushDelayMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: (retry: number) => number;

  constructor(private readonly options: DecisionReporterOptions) {
    this.maxQueued = options.maxQueued ?? 1000;
    this.batchSize = options.batchSize ?? 100;
    this.flushDelayMs = options.flushDelayMs ?? 500;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffMs = options.backoffMs ?? defaultBackoff;
    for (const [name, value] of [['maxQueued', this.maxQueued], ['batchSize', this.batchSize], ['maxAttempts', this.maxAttempts]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be a positive integer, got ${value}`);
    }
    const perSecond = options.maxPerSecond ?? 100;
    this.rate = perSecond === Infinity ? undefined : new RecordRate(perSecond, this.maxQueued, options.warn);
  }

  /** Queues a decision made now; never throws and never waits. Ignored once closed. */
  report(build: BuildDecision): void {
    if (this.closing) return;
    const time = this.options.clock.now();
    const notRecordedBefore = this.rate === undefined ? 0 : this.rate.admit(time.getTime());
    if (notRecordedBefore === undefined) return;
    this.queue.push({ seq: ++this.seq, time, build, notRecordedBefore });
    if (this.queue.length > this.maxQueued) {
      this.queue.shift();
      this.drop('overflow', 1);
    }
    this.schedule(true);
  }

  /** Resolves once every decision reported before the call has been sent or dropped. */
  async flush(): Promise<void> {
    const mark = this.seq;
    this.flushThrough = Math.max(this.flushThrough, mark);
    this.schedule();
    await this.until(() => !this.holdsUpTo(mark));
  }

  /**
   * Sends what is queued and stops: no more reports, no waiting between retries, and the first
   * failure drops the rest, so shutting down never hangs on a receiver that is gone.
   */
  async close(): Promise<void> {
    this.closing = true;
    if (this.batch !== undefined && this.timer !== undefined) {
      this.clearTimer();
      void this.deliver(this.batch);
    }
    await this.flush();
  }

  stats(): ReporterStats {
    return { queued: this.queue.length + (this.batch?.size ?? 0), sent: this.sent, dropped: { rate: this.rate?.skipped ?? 0, ...this.dropped } };
  }

  private holdsUpTo(mark: number): boolean {
    const oldestQueued = this.queue[0]?.seq ?? Infinity;
    const oldestInBatch = this.batch?.firstSeq ?? Infinity;
    return Math.min(oldestQueued, oldestInBatch) <= mark;
  }

  /**
   * Starts the next batch now or arms the timer for it, unless a batch is out (its end
   * schedules again). From `report` even a full batch waits for a timer tick: building and
   * serializing a hundred records must not run inside the request that made the hundredth.
   */
  private schedule(fromReport = false): void {
    const first = this.queue[0];
    if (this.batch !== undefined || first === undefined) return;
    const prompt = this.closing || this.queue.length >= this.batchSize || first.seq <= this.flushThrough;
    if (prompt && !fromReport) {
      this.clearTimer();
      this.startBatch();
      return;
    }
    if (this.timer !== undefined && (this.timerIsPrompt || !prompt)) return;
    this.setTimer(prompt ? 0 : this.flushDelayMs, prompt, () => this.startBatch());
  }

  private startBatch(): void {
    if (this.batch !== undefined || this.queue.length === 0) return;
    const taken = this.queue.splice(0, this.batchSize);
    const events: DecisionEventInput[] = [];
    for (const item of taken) {
      try {
        const event = item.build(item.time);
        events.push(item.notRecordedBefore === 0 ? event : { ...event, detail: { ...event.detail, notRecordedBefore: item.notRecordedBefore } });
      } catch {
        // A bug in one record's builder must cost that record, not the batch.
        this.dropped.unbuildable += 1;
      }
    }
    this.batch = { firstSeq: (taken[0] as Pending).seq, size: taken.length, events, attempts: 0 };
    void this.deliver(this.batch);
  }

  private async deliver(batch: Batch): Promise<void> {
    batch.attempts += 1;
    try {
      if (batch.events.length > 0) await this.options.send(batch.events);
    } catch (error) {
      const final = error instanceof RejectedBatchError || this.closing || batch.attempts >= this.maxAttempts;
      if (!final) {
        this.setTimer(this.backoffMs(batch.attempts), true, () => void this.deliver(batch));
        return;
      }
      this.batch = undefined;
      let count = batch.events.length;
      if (this.closing) {
        count += this.queue.length;
        this.queue = [];
      }
      this.drop('undelivered', count, error);
      this.schedule();
      return;
    }
    this.batch = undefined;
    this.sent += batch.events.length;
    if (this.failing) {
      this.failing = false;
      this.options.warn?.(`decision events are delivered again; ${this.droppedWhileFailing} were dropped meanwhile`);
    }
    this.notify();
    this.schedule();
  }

  private drop(reason: Exclude<DropReason, 'rate'>, count: number, error?: unknown): void {
    this.dropped[reason] += count;
    if (this.failing) this.droppedWhileFailing += count;
    else if (reason === 'undelivered' && count > 0) {
      // Warn once per outage: a receiver that is down would otherwise log every few seconds.
      this.failing = true;
      this.droppedWhileFailing = count;
      const why = error instanceof Error ? error.message : String(error);
      this.options.warn?.(`decision events could not be delivered (${why}); dropping ${count} and retrying with later ones`);
    }
    this.notify();
  }

  private setTimer(ms: number, prompt: boolean, fire: () => void): void {
    this.clearTimer();
    this.timerIsPrompt = prompt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      fire();
    }, ms);
    // Reporting alone must not keep a process alive, unless someone awaits a flush.
    if (this.waiters.size === 0) this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (!done()) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      this.timer?.ref();
    });
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }
}
