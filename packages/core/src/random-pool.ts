import { randomBytes } from 'node:crypto';

/** Bytes fetched per refill: each randomBytes call has a fixed overhead (docs/performance.md). */
const DEFAULT_POOL_BYTES = 16 * 1024;

/**
 * Cryptographically random bytes drawn from a pooled randomBytes buffer, as node's own
 * crypto.randomUUID does: a credential request needs a few hundred bytes over several calls,
 * and one call per id was a visible share of the server's CPU (docs/performance.md). Every byte is handed out once,
 * and a spent pool is replaced, never refilled in place, so a caller's bytes never change.
 */
export class RandomPool {
  private pool: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(
    private readonly poolBytes = DEFAULT_POOL_BYTES,
    private readonly fill: (n: number) => Buffer = randomBytes,
  ) {}

  bytes(n: number): Buffer {
    // Large draws (a cluster's CA) would waste most of a pool: fetched on their own.
    if (n > this.poolBytes / 4) return this.fill(n);
    if (this.offset + n > this.pool.length) {
      this.pool = this.fill(this.poolBytes);
      this.offset = 0;
    }
    const out = this.pool.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
}
