import type { Database } from 'better-sqlite3';

/** See connection.mjs. */
export function configureConnection(db: Database, options: { file: boolean }): void;
