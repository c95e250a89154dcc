/** While over the rate, say so at most this often. */
const WARNING_INTERVAL_MS = 60_000;

/**
 * How many decisions per second a reporter records: a token bucket that holds `burst` and
 * refills at `perSecond`. What it turns away is counted, never silently lost: the next
 * decision it admits learns how many went unrecorded before it. Times are epoch ms from the
 * reporter's clock, so tests move them.
 */
export class RecordRate {
  private tokens: number;
  private last: number | undefined;
  private notRecorded = 0;
  private warnedAt = -Infinity;
  private sinceWarning = 0;
  /** Decisions turned away so far. */
  skipped = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly warn: ((message: string) => void) | undefined,
  ) {
    if (!(perSecond > 0) || !(burst >= 1)) throw new TypeError(`maxPerSecond must be > 0 and the burst >= 1, got ${perSecond} and ${burst}`);
    this.tokens = burst;
  }

  /** For a decision made at `nowMs`: undefined to skip it, else how many were skipped since the last admitted. */
  admit(nowMs: number): number | undefined {
    if (this.last !== undefined && nowMs > this.last) this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.last) / 1000) * this.perSecond);
    this.last = nowMs;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      const gap = this.notRecorded;
      this.notRecorded = 0;
      return gap;
    }
    this.skipped += 1;
    this.notRecorded += 1;
    this.sinceWarning += 1;
    if (nowMs - this.warnedAt >= WARNING_INTERVAL_MS) {
      this.warn?.(`recording at most ${this.perSecond} decisions per second: ${this.sinceWarning} more counted, not recorded`);
      this.warnedAt = nowMs;
      this.sinceWarning = 0;
    }
    return undefined;
  }
}
