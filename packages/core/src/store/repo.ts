import type { Database, Statement } from 'better-sqlite3';
import type { ReadCache } from './read-cache.js';

/**
 * Base of every repository: statements are prepared once per SQL text and reused, since
 * preparing costs more than running a small query and several sit on hot request paths.
 * Repos given a ReadCache remember the reads they route through `remembered`; every statement
 * of theirs that writes makes the cache forget, so no write path can leave a stale read.
 */
export abstract class Repo {
  private readonly statements = new Map<string, { statement: Statement; writes: boolean }>();

  constructor(
    protected readonly db: Database,
    private readonly reads?: ReadCache,
  ) {}

  protected stmt(sql: string): Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      const statement = this.db.prepare(sql);
      prepared = { statement, writes: !statement.reader };
      this.statements.set(sql, prepared);
    }
    if (prepared.writes) this.reads?.forget();
    return prepared.statement;
  }

  /** `read()`'s result, remembered under `key` until this store's next write to a cached table. */
  protected remembered<T>(key: string, read: () => T): T {
    return this.reads ? this.reads.get(key, read) : read();
  }
}
