import type { Database } from 'better-sqlite3';

/** A table written behind: `write()` writes what it queued, inside the shared transaction. */
export interface BehindWriter {
  write(): void;
  /** Runs once the transaction committed (e.g. to tell listeners what was stored). */
  committed?(): void;
}

/**
 * The write-behind rows of every table (sessions, decision events) go out in ONE transaction
 * once the event-loop turn that queued them is over: each credential request queues a session
 * and a decision, and a COMMIT per table per turn was ~12% of serving it. Under load a turn
 * carries many requests. A crash loses at most the rows of the current turn. Writers keep
 * their queued rows readable until they are written (SessionRepo.get answers from its queue;
 * DecisionLog's readers flush first), so batching is invisible to readers.
 *
 * Waiting longer does not pay: under wrk at 32 connections on 2 cores, a 1 or 5 ms timer
 * gave the same throughput as the turn (a turn already carries many requests there), while
 * rows kept that long live through young-generation GCs and widen the crash window.
 */
export class WriteBehind {
  private readonly writers = new Set<BehindWriter>();
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly db: Database) {}

  add(writer: BehindWriter): void {
    this.writers.add(writer);
  }

  /** A writer queued a row: makes sure a flush comes once this turn is over. */
  queued(): void {
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /**
   * Writes every writer's queue now, in one transaction; then tells them it committed.
   * Throws what the transaction threw (a writer that must survive its own failures, like the
   * audit trail, catches them in `write()`).
   */
  flush(): void {
    if (this.scheduled === undefined) return;
    clearImmediate(this.scheduled);
    this.scheduled = undefined;
    // A flush may come after a close that did not flush: nothing can be written then.
    if (!this.db.open) return;
    const writers = [...this.writers];
    this.db.transaction(() => {
      for (const writer of writers) writer.write();
    })();
    for (const writer of writers) writer.committed?.();
  }
}
