import type { JobOutcome, WriteJob } from './write-jobs.mjs';
import type { BatchOutcome, WriteSink } from './write-sinks.js';

export type { JobOutcome, WriteJob };

/** A table written behind: it hands over its queued rows as jobs, and hears what became of them. */
export interface BehindWriter {
  /** The rows queued since the last call, as jobs (none when nothing is queued); the queue starts over. */
  take(): WriteJob[];
  /**
   * The outcomes of the jobs `take()` handed over, in the same order, once their batch
   * settled; when the whole batch was rolled back, each one is that error.
   */
  settled(outcomes: JobOutcome[]): void;
}

/**
 * The write-behind rows of every writer go out in ONE batch, one transaction, once the
 * event-loop turn that queued them is over: a COMMIT per request would cost more than the
 * rest of its write (docs/performance.md), and under load a turn carries many requests. The
 * sink (write-sinks.ts) writes the batch, on the server's connection or on the write thread.
 * Readers see queued rows as written (the rule in index.ts). A crash loses at most the rows
 * not yet written.
 *
 * Waiting longer than the turn does not pay (docs/performance.md): a turn already carries
 * many requests under load, while rows kept longer live through young-generation GCs and
 * widen the crash window.
 */
export class WriteBehind {
  private readonly writers = new Set<BehindWriter>();
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly sink: WriteSink) {}

  add(writer: BehindWriter): void {
    this.writers.add(writer);
  }

  /** A writer queued a row: makes sure its batch goes out once this turn is over. */
  queued(): void {
    this.scheduled ??= setImmediate(() => this.submit());
  }

  /** Writes everything queued now and returns once it is written (or failed, each writer told how). */
  flush(): void {
    this.submit();
    this.sink.drain();
  }

  /** Flushes, then closes the sink; the store's connection may close after this. */
  close(): void {
    this.submit();
    this.sink.close();
  }

  private submit(): void {
    clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const parts = [...this.writers].map((writer) => ({ writer, jobs: writer.take() })).filter((part) => part.jobs.length > 0);
    if (parts.length === 0) return;
    this.sink.submit(
      parts.flatMap((part) => part.jobs),
      (outcome) => tellWriters(parts, outcome),
    );
  }
}

/** Every writer hears its own outcomes, even when one of them throws (that is rethrown after). */
function tellWriters(parts: readonly { writer: BehindWriter; jobs: WriteJob[] }[], outcome: BatchOutcome): void {
  let next = 0;
  let thrown: { error: unknown } | undefined;
  for (const { writer, jobs } of parts) {
    const mine = 'outcomes' in outcome ? outcome.outcomes.slice(next, next + jobs.length) : jobs.map(() => ({ error: outcome.error }));
    next += jobs.length;
    try {
      writer.settled(mine);
    } catch (error) {
      thrown ??= { error };
    }
  }
  if (thrown) throw thrown.error;
}
