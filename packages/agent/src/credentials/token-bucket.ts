/**
 * golang.org/x/time/rate's Limiter used through its non-blocking Allow(): `rate` tokens per
 * second, at most `burst` saved up. The agent uses one for background renewals (qps, burst
 * qps: internal/credsretriever/refreshing_cache.go) and one per route (1000/s, burst 500:
 * internal/middleware/rate_limiter/rate_limiter.go).
 */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.#tokens = burst;
    this.#last = now();
  }

  allow(): boolean {
    const t = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#last) / 1000) * this.rate);
    this.#last = t;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
