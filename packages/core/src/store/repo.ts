import type { Database, Statement } from 'better-sqlite3';

/**
 * Base of every repository: statements are prepared once per SQL text and reused, since
 * preparing costs more than running a small query and several sit on hot request paths.
 */
export abstract class Repo {
  private readonly statements = new Map<string, Statement>();

  constructor(protected readonly db: Database) {}

  protected stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
