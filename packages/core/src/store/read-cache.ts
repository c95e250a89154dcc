import type { Database } from 'better-sqlite3';

/** Past this many entries the cache starts over: misses for made-up names must not grow it forever. */
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Hot reads remembered until the next write. A credential request looks up its cluster,
 * issuer, signing key, association and role; those queries were a tenth of the server's CPU
 * or so under `pnpm bench` (docs/performance.md). One instance is shared by the repos of those tables (store.ts), and any
 * write statement through any of them forgets everything (repo.ts): writes are rare admin
 * calls, and one rule leaves no write path to miss (a cluster's delete drops its keys too).
 *
 * Correct only while this process is the database's sole writer, which eksid is: the CLI
 * changes a running server over HTTP, never through the file. Remembered values are frozen
 * because every caller shares them.
 */
export class ReadCache {
  private readonly entries = new Map<string, unknown>();

  constructor(
    private readonly db: Database,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  /** The remembered result for `key`, or `read()`'s, remembered unless a transaction is open. */
  get<T>(key: string, read: () => T): T {
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = deepFreeze(read());
    // A read inside a transaction may see rows its rollback takes back.
    if (!this.db.inTransaction) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, value);
    }
    return value;
  }

  forget(): void {
    this.entries.clear();
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
