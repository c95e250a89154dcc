import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { configureConnection } from './connection.mjs';
import { migrations } from './migrations.js';

export type { Database };

/**
 * Opens the eksid database: `:memory:` for throwaway runs and tests, otherwise
 * `<dir>/eksid.db` in WAL mode so the server, CLI readers and tests can share it.
 */
export function openDatabase(dataDir: string): Database {
  const file = dataDir !== ':memory:';
  if (file) mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(file ? join(dataDir, 'eksid.db') : ':memory:');
  configureConnection(db, { file });
  migrate(db);
  return db;
}

/** Applies every migration past the database's user_version; returns the new version. */
export function migrate(db: Database, steps: readonly string[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > steps.length) {
    throw new Error(`database schema version ${current} is newer than this eksid (${steps.length}); upgrade eksid`);
  }
  for (let version = current; version < steps.length; version++) {
    db.transaction(() => {
      db.exec(steps[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return steps.length;
}
