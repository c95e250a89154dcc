import type { Clock } from '../deps.js';
import type { DecisionEventInput } from './types.js';

/**
 * Delivers one batch to wherever decisions are kept (for the agent and webhook: the eksid
 * server over HTTP). Resolves once the receiver has the batch; any rejection is retried,
 * except a RejectedBatchError.
 */
export type SendDecisions = (batch: readonly DecisionEventInput[]) => Promise<void>;

/** Builds a decision's record from what its maker kept; runs off the maker's path, later. */
export type BuildDecision = (time: Date) => DecisionEventInput;

/**
 * Thrown by a SendDecisions when the receiver refused the batch itself (malformed, or no such
 * endpoint): sending the same batch again would be refused again, so it is dropped at once.
 */
export class RejectedBatchError extends Error {
  readonly code = 'ERR_BATCH_REJECTED';
  override name = 'RejectedBatchError';
}

/**
 * Why decisions were dropped: over the record rate, queue full, receiver unreachable or
 * refusing, record not buildable.
 */
export type DropReason = 'rate' | 'overflow' | 'undelivered' | 'unbuildable';

export interface DecisionReporterOptions {
  send: SendDecisions;
  clock: Clock;
  /**
   * Decisions recorded per second at most, after a burst of `maxQueued` (default 100): the
   * rest are counted, and the next recorded one says how many were not (detail
   * `notRecordedBefore`). A flood of identical answers (a benchmark, a crash-looping pod) would
   * otherwise cost the reporting process much of its throughput and push every other
   * decision out of the server's bounded trail. Infinity records everything.
   */
  maxPerSecond?: number;
  /** Queued decisions kept at most; when full the oldest is dropped (default 1000). */
  maxQueued?: number;
  /** Decisions per send, and the queue length that sends at once (default 100). */
  batchSize?: number;
  /** How long a decision may wait for its batch to fill (default 500 ms). */
  flushDelayMs?: number;
  /** Sends of one batch before it is dropped (default 5). */
  maxAttempts?: number;
  /** Wait before retry `n` (1-based), in ms (default 500·2^(n-1), at most 8 s). */
  backoffMs?: (retry: number) => number;
  /** Told when delivery starts failing and when it recovers; never once per decision. */
  warn?: (message: string) => void;
}

export interface ReporterStats {
  queued: number;
  sent: number;
  dropped: Readonly<Record<DropReason, number>>;
}
