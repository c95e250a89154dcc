import type { Database, Statement } from 'better-sqlite3';

/** One statement run once per row, as write-behind hands rows to be written (write-jobs.mjs). */
export interface WriteJob {
  sql: string;
  /** Positional values, one array per run. Plain data: the job may cross to the write thread. */
  rows: readonly (readonly unknown[])[];
  /** Answer each row's lastInsertRowid. */
  ids?: boolean;
  /** Run in a savepoint of its own, so its failure drops only this job. */
  alone?: boolean;
}

export type JobOutcome = { ids: number[]; changes: number } | { error: string };

/** See write-jobs.mjs. */
export function runJobs(db: Database, statements: Map<string, Statement>, jobs: readonly WriteJob[]): JobOutcome[];

/** See write-jobs.mjs. */
export function errorMessage(e: unknown): string;
