/**
 * Time and randomness, injected so the cache's refresh/expiry logic is testable without
 * sleeping (the real agent injects `now` the same way in
 * internal/credsretriever/refreshing_cache.go).
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Uniform in [0, 1): retry jitter. */
  random(): number;
  /** Runs fn every ms until the returned cancel function is called. */
  every(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    // A background janitor must never keep the process alive on its own.
    timer.unref();
    return () => clearInterval(timer);
  },
};
