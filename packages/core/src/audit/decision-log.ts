import type { Clock } from '../deps.js';
import type { Store } from '../store/store.js';
import { DEFAULT_RETENTION } from './types.js';
import type { DecisionEvent, DecisionEventInput, DecisionFilter, RetentionPolicy } from './types.js';

export type DecisionListener = (event: DecisionEvent) => void;

/** Prune after this many writes rather than on every one: a DELETE per request would double the cost. */
const PRUNE_EVERY = 200;

/**
 * The audit trail: decisions are queued and written in one transaction per event-loop turn
 * (a credential request must not wait on its own audit row; under load a turn carries many),
 * then handed to live listeners (the dashboard's and `eksid events --follow`'s streams).
 * Reads flush first, so a reader always sees every decision already made.
 */
export class DecisionLog {
  private pending: DecisionEventInput[] = [];
  private scheduled = false;
  private sincePrune = 0;
  private pruneTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<DecisionListener>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    readonly retention: RetentionPolicy = DEFAULT_RETENTION,
    /** Told when a batch could not be written (a closed or full disk): auditing never takes the server down. */
    private readonly onWriteError: (error: unknown, lost: number) => void = () => {},
  ) {}

  record(event: DecisionEventInput): void {
    this.pending.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes what is queued now; listeners then see each new event in order. */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    let stored: DecisionEvent[];
    try {
      stored = this.store.decisionEvents.insertMany(batch);
    } catch (e) {
      this.onWriteError(e, batch.length);
      return;
    }
    this.sincePrune += stored.length;
    if (this.sincePrune >= PRUNE_EVERY) this.prune();
    for (const event of stored) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch {
          // A broken stream must not stop the others or the writer; its owner cleans it up.
        }
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

  latestId(): number {
    this.flush();
    return this.store.decisionEvents.latestId();
  }

  /** Calls `listener` with every event stored from now on; returns the unsubscribe function. */
  subscribe(listener: DecisionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes the queue out; call before closing the store. */
  close(): void {
    clearInterval(this.pruneTimer);
    this.flush();
    this.listeners.clear();
  }
}
