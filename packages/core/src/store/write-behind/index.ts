/**
 * Write-behind: rows written after the request that made them has been answered, batched per
 * event-loop turn (write-behind.ts), on the server's connection or on a worker thread with a
 * connection of its own (write-sinks.ts, write-thread.mjs, write-jobs.mjs). Only the audit
 * trail's decision events are written this way: losing the last few on a crash is accepted.
 * What must outlive a crash is never written behind: admin writes commit before they are
 * answered, and issued sessions are sealed in their tokens (../sessions.ts).
 *
 * The read-your-writes rule, the one invariant every writer keeps: a row queued or handed to
 * a sink is readable by the store's readers as if it were already written, until its batch
 * settles. A writer either answers reads from what it has queued, or flushes (WriteBehind.flush)
 * before it reads, as DecisionLog does; so readers never see that writing is deferred.
 */
export { WriteBehind } from './write-behind.js';
export type { BehindWriter, JobOutcome, WriteJob } from './write-behind.js';
export { InlineSink, ThreadSink } from './write-sinks.js';
export type { BatchOutcome, WriteSink } from './write-sinks.js';
