import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { Database, Statement } from 'better-sqlite3';
import { errorMessage, runJobs } from './write-jobs.mjs';
import type { JobOutcome, WriteJob } from './write-jobs.mjs';

/** What became of a batch: each job's outcome in order, or why the whole batch was rolled back. */
export type BatchOutcome = { outcomes: JobOutcome[] } | { error: string };

/** Where write-behind batches go (write-behind.ts): this thread's connection, or the write thread's. */
export interface WriteSink {
  /** Writes `jobs` in one transaction, now or soon; `settled` runs on this thread once it is done. */
  submit(jobs: WriteJob[], settled: (outcome: BatchOutcome) => void): void;
  /** Returns once every batch submitted so far has settled (and its `settled` has run). */
  drain(): void;
  /** Drains, then lets go of what the sink holds; later batches are written on the server's connection (or fail, once it is closed). */
  close(): void;
}

/** Writes each batch at once on the server's own connection: `:memory:` databases and one-shot CLI runs. */
export class InlineSink implements WriteSink {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  submit(jobs: WriteJob[], settled: (outcome: BatchOutcome) => void): void {
    let outcome: BatchOutcome;
    try {
      outcome = this.db.open ? { outcomes: runJobs(this.db, this.statements, jobs) } : { error: 'the database is closed' };
    } catch (e) {
      outcome = { error: errorMessage(e) };
    }
    settled(outcome);
  }

  drain(): void {}

  close(): void {}
}

interface Answer {
  seq: number;
  outcomes?: JobOutcome[];
  error?: string;
}

type Settle = (outcome: BatchOutcome) => void;

/** How long waitFor() (drain, a submit far ahead of the thread) sleeps between looks at a write thread that may have died. */
const DRAIN_SLICE_MS = 50;
/** waitFor() gives up on the thread after this long: its busy wait on the file is 5 s at most (connection.mjs). */
const DRAIN_DEADLINE_MS = 30_000;
/**
 * Rows handed to the thread and not yet written, at most; past this, submit() waits until the
 * thread is down to half. Unbounded, a thread starved of CPU falls behind under load with every
 * row kept until written and copied into the thread's queue, and memory grows with the backlog
 * (docs/performance.md). Waiting turns that into latency, as a database that cannot keep up
 * would. A thread that keeps up stays far below the bound.
 */
export const MAX_ROWS_IN_FLIGHT = 2048;
/** How long the constructor waits for the thread to open the file. */
const START_DEADLINE_MS = 10_000;

/** shared[2]: how the thread's start went (1: it could not open the file). */
const STARTING = 0;
const READY = 2;

/**
 * Writes batches on a worker thread with its own connection to the database file
 * (write-thread.mjs), so a credential request's thread does not spend its time in SQLite
 * INSERTs and COMMITs (docs/performance.md). Batches are written in the order
 * submitted; answers come back as messages, or synchronously in drain() (and in submit()
 * when the thread is far behind: MAX_ROWS_IN_FLIGHT), which wait on a shared counter the
 * thread raises after each answer.
 *
 * The constructor waits until the thread has opened the file; if it cannot, every batch is
 * written on this thread's connection instead. A batch is not kept once handed over (keeping
 * them is garbage collector work on the request thread, docs/performance.md): if the thread dies
 * later, its unanswered batches settle as failed and what comes after is written here.
 */
export class ThreadSink implements WriteSink {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [0]: seq of the last batch the thread answered; [1]: 1 once it closed its connection; [2]: its start. */
  private readonly shared = new Int32Array(new SharedArrayBuffer(12));
  private readonly waiting = new Map<number, { settled: Settle; rows: number }>();
  private rowsInFlight = 0;
  private lastSeq = 0;
  private fallback: InlineSink | undefined;

  constructor(
    file: string,
    /** The server's connection to the same file, for when the thread is gone. */
    private readonly db: Database,
    private readonly maxRowsInFlight = MAX_ROWS_IN_FLIGHT,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./write-thread.mjs', import.meta.url), {
      workerData: { file, port: port2, settled: this.shared },
      transferList: [port2],
      // Not the parent's flags: the thread is plain JavaScript, and a TypeScript loader the
      // parent may run under (vitest's, tsx) would cost it memory.
      execArgv: [],
      // Its garbage is each batch's copy, dropped once written: a young generation like the
      // server's (bin/eksid-node) rather than V8's default, which let the thread's heap grow
      // under `pnpm bench` (docs/performance.md).
      resourceLimits: { maxYoungGenerationSizeMb: 6 },
    });
    // The server's socket keeps the process alive, and close() drains: the thread must not.
    this.worker.unref();
    port1.unref();
    port1.on('message', (answer: Answer) => this.answered(answer));
    this.worker.on('error', () => this.takeOver('the write thread failed'));
    this.worker.on('exit', () => this.takeOver('the write thread stopped'));
    const deadline = Date.now() + START_DEADLINE_MS;
    while (Atomics.load(this.shared, 2) === STARTING && Date.now() < deadline) Atomics.wait(this.shared, 2, STARTING, DRAIN_SLICE_MS);
    if (Atomics.load(this.shared, 2) !== READY) {
      void this.worker.terminate();
      this.fallback = new InlineSink(db);
    }
  }

  submit(jobs: WriteJob[], settled: Settle): void {
    if (this.fallback) return this.fallback.submit(jobs, settled);
    const seq = ++this.lastSeq;
    const rows = jobs.reduce((sum, job) => sum + job.rows.length, 0);
    this.waiting.set(seq, { settled, rows });
    this.rowsInFlight += rows;
    this.port.postMessage({ seq, jobs });
    if (this.rowsInFlight > this.maxRowsInFlight) this.waitFor(() => this.rowsInFlight <= this.maxRowsInFlight / 2);
  }

  drain(): void {
    this.waitFor(() => this.waiting.size === 0);
  }

  close(): void {
    this.drain();
    if (!this.fallback) {
      this.port.postMessage({ close: true });
      // Closing the thread's connection is quick (nothing is left to write); wait for it so the
      // file is let go before the server's connection closes, but never hang on the thread.
      const deadline = Date.now() + DRAIN_DEADLINE_MS;
      while (Atomics.load(this.shared, 1) === 0 && Date.now() < deadline) Atomics.wait(this.shared, 1, 0, DRAIN_SLICE_MS);
    }
    this.fallback ??= new InlineSink(this.db);
  }

  /** Takes the thread's answers as they come, on this thread, until `done()` (or the thread is gone). */
  private waitFor(done: () => boolean): void {
    // A thread that dies cannot say so here (its 'error' event cannot run while this thread
    // waits), so waiting has a bound, far past any busy wait on the file.
    const deadline = Date.now() + DRAIN_DEADLINE_MS;
    while (!done() && !this.fallback && Date.now() < deadline) {
      const message = receiveMessageOnPort(this.port);
      if (message) this.answered(message.message as Answer);
      else Atomics.wait(this.shared, 0, Atomics.load(this.shared, 0), DRAIN_SLICE_MS);
    }
    if (!done() && !this.fallback) {
      void this.worker.terminate();
      this.takeOver('the write thread did not answer');
    }
  }

  private answered({ seq, outcomes, error }: Answer): void {
    const batch = this.waiting.get(seq);
    if (!batch) return;
    this.waiting.delete(seq);
    this.rowsInFlight -= batch.rows;
    batch.settled(outcomes ? { outcomes } : { error: error ?? 'the write thread gave no outcome' });
  }

  /** The thread is gone: what it left unanswered failed, and what comes after is written here. */
  private takeOver(why: string): void {
    this.fallback ??= new InlineSink(this.db);
    const left = [...this.waiting.values()];
    this.waiting.clear();
    this.rowsInFlight = 0;
    for (const { settled } of left) settled({ error: why });
  }
}
