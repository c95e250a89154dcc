/**
 * A size-bounded LRU of entries that carry their own refresh and expiry times, like the
 * agent's internal/cache/expiring (lru.go + cache.go). Expired entries are never returned.
 */
export interface Timed<V> {
  value: V;
  /** Epoch ms; once strictly past it the janitor refreshes the entry. */
  refreshAt: number;
  /** Epoch ms; once strictly past it the entry is gone (expiring/cache.go compares with `>`). */
  expireAt: number;
}

export class ExpiringLru<V> {
  readonly #entries = new Map<string, Timed<V>>();

  constructor(
    readonly maxSize: number,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): Timed<V> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() > entry.expireAt) {
      this.#entries.delete(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks the entry most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Timed<V>): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.maxSize) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  /** A snapshot, so callers may set/delete while iterating. */
  entries(): Array<[string, Timed<V>]> {
    return [...this.#entries];
  }
}
