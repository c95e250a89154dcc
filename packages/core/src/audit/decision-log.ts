import type { Clock } from '../deps.js';
import type { Store } from '../store/store.js';
import { INSERT_DECISION, decisionPruneJobs, decisionRowValues } from '../store/decision-events.js';
import type { BehindWriter, JobOutcome, WriteJob } from '../store/write-behind/index.js';
import { DEFAULT_RETENTION } from './types.js';
import type { DecisionEvent, DecisionEventInput, DecisionFilter, RetentionPolicy } from './types.js';

export type DecisionListener = (event: DecisionEvent) => void;
/** Told of each decision the moment it is recorded, before it is stored (so without an id). */
export type RecordHook = (event: DecisionEventInput) => void;

interface PendingDecision {
  values: unknown[];
  /** Kept only for listeners. */
  event: DecisionEventInput | undefined;
}

/** Prune after this many writes rather than on every one: a DELETE per request would double the cost. */
const PRUNE_EVERY = 200;

/**
 * The audit trail: decisions are written behind (store/write-behind/: one transaction per
 * event-loop turn; a credential request must not wait on its own audit row, and under load a
 * turn carries many), then handed to live listeners (the dashboard's and `eksid events
 * --follow`'s streams). Reads flush first (the folder's read-your-writes rule), so a reader
 * always sees every decision already made; a crash loses at most the last turn's decisions.
 */
export class DecisionLog implements BehindWriter {
  private pending: PendingDecision[] = [];
  /**
   * The events (for listeners; undefined when none listened) of batches handed to the
   * write-behind and not settled yet, oldest first: they settle in order. Not their rows,
   * which the write thread has its own copy of; keeping them was garbage collector work.
   */
  private readonly writing: (DecisionEventInput | undefined)[][] = [];
  private sincePrune = 0;
  private pruneTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<DecisionListener>();
  private recordHooks: readonly RecordHook[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    readonly retention: RetentionPolicy = DEFAULT_RETENTION,
    /** Told when a batch could not be written (a closed or full disk): auditing never takes the server down. */
    private readonly onWriteError: (error: unknown, lost: number) => void = () => {},
  ) {
    store.writeBehind.add(this);
  }

  /**
   * Queues the decision as its row's values; the event itself is kept only while someone
   * listens (a listener sees the events recorded after it subscribed, and subscribers flush
   * first: see subscribe()).
   */
  record(event: DecisionEventInput): void {
    this.pending.push({ values: decisionRowValues(event), event: this.listeners.size > 0 ? event : undefined });
    this.store.writeBehind.queued();
    for (const hook of this.recordHooks) {
      try {
        hook(event);
      } catch {
        // A counter's bug must not fail the credential request that made the decision.
      }
    }
  }

  /**
   * Calls `hook` synchronously with every decision recorded from now on, as record() gets it:
   * for counters (the server's /metrics). Unlike subscribe(), it makes the log keep nothing
   * and copy nothing, so it costs the request no more than the hook itself, which must be cheap.
   * Returns the function that removes it.
   */
  onRecord(hook: RecordHook): () => void {
    this.recordHooks = [...this.recordHooks, hook];
    return () => {
      this.recordHooks = this.recordHooks.filter((h) => h !== hook);
    };
  }

  /** Writes what is queued now (this log's and the store's other write-behind rows); listeners then see each new event in order. */
  flush(): void {
    this.store.writeBehind.flush();
  }

  /**
   * Hands the queued decisions to the write-behind as one job of INSERTs in a savepoint of its
   * own (so a batch that cannot be written is reported and dropped without taking other
   * writers' rows with it), plus a prune every PRUNE_EVERY decisions.
   */
  take(): WriteJob[] {
    if (this.pending.length === 0) return [];
    const batch = this.pending;
    this.pending = [];
    this.writing.push(batch.map((p) => p.event));
    const jobs: WriteJob[] = [{ sql: INSERT_DECISION, rows: batch.map((p) => p.values), ids: true, alone: true }];
    this.sincePrune += batch.length;
    if (this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      jobs.push(...decisionPruneJobs(this.retention, this.clock.now()));
    }
    return jobs;
  }

  /** Once written: each new event to every listener, in order; or the batch reported lost. */
  settled([inserted, ...pruned]: JobOutcome[]): void {
    const batch = this.writing.shift() ?? [];
    if (inserted && 'error' in inserted) this.onWriteError(new Error(inserted.error), batch.length);
    else batch.forEach((event, i) => event && this.tell({ ...event, id: inserted?.ids[i] as number }));
    for (const outcome of pruned) if ('error' in outcome) this.onWriteError(new Error(outcome.error), 0);
  }

  private tell(event: DecisionEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken stream must not stop the others or the writer; its owner cleans it up.
      }
    }
  }

  prune(): number {
    this.sincePrune = 0;
    return this.store.decisionEvents.prune(this.retention, this.clock.now());
  }

  /**
   * Also prunes every `ms` (unref'd): writes prune as they go, but an idle server must not keep
   * showing decisions past their age.
   */
  pruneEvery(ms: number): void {
    clearInterval(this.pruneTimer);
    this.pruneTimer = setInterval(() => this.prune(), ms).unref();
  }

  list(filter: DecisionFilter = {}): DecisionEvent[] {
    this.flush();
    return this.store.decisionEvents.list(filter);
  }

  /**
   * Oldest first from `afterId` on, for a reader walking the trail in pages (an event stream
   * catching up), with the trail's bounds as they were when it was read: the newest id ever
   * handed out, and the oldest still kept (ids between a reader's cursor and it were pruned).
   */
  page(filter: DecisionFilter): { events: DecisionEvent[]; latestId: number; oldestId: number | undefined } {
    this.flush();
    const events = this.store.decisionEvents;
    return { events: events.page(filter), latestId: events.latestId(), oldestId: events.oldestId() };
  }

  latestId(): number {
    this.flush();
    return this.store.decisionEvents.latestId();
  }

  /**
   * Calls `listener` with every event recorded from now on, once stored; returns the
   * unsubscribe function. What was recorded before is written out first (to the listeners
   * already there): readers get it from list().
   */
  subscribe(listener: DecisionListener): () => void {
    this.flush();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes the queue out; call before closing the store. */
  close(): void {
    clearInterval(this.pruneTimer);
    this.flush();
    this.listeners.clear();
    this.recordHooks = [];
  }
}
