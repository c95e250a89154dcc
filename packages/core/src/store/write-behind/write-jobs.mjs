// Plain JavaScript, not TypeScript: see ../connection.mjs (the write thread loads this too).

/**
 * Runs `jobs` in one transaction on `db` and answers each job's outcome, in order: the rows'
 * ids when the job asked for them, the rows changed, or the error of a job that runs `alone`
 * (in a savepoint of its own: its failure is reported and rolled back without taking the
 * others with it). Any other failure rolls the whole batch back and is thrown.
 *
 * The one place write-behind rows are written (write-behind.ts), whether on the server's own
 * connection or on the write thread's (write-thread.mjs).
 * @param {import('better-sqlite3').Database} db
 * @param {Map<string, import('better-sqlite3').Statement>} statements prepared statements by SQL text, reused across calls
 * @param {readonly import('./write-jobs.d.mts').WriteJob[]} jobs
 * @returns {import('./write-jobs.d.mts').JobOutcome[]}
 */
export function runJobs(db, statements, jobs) {
  const run = (/** @type {import('./write-jobs.d.mts').WriteJob} */ job) => {
    let statement = statements.get(job.sql);
    if (!statement) {
      statement = db.prepare(job.sql);
      statements.set(job.sql, statement);
    }
    /** @type {number[]} */
    const ids = [];
    let changes = 0;
    for (const row of job.rows) {
      const result = statement.run(...row);
      changes += result.changes;
      if (job.ids) ids.push(Number(result.lastInsertRowid));
    }
    return { ids, changes };
  };
  return db.transaction(() =>
    jobs.map((job) => {
      if (!job.alone) return run(job);
      try {
        return db.transaction(() => run(job))();
      } catch (e) {
        return { error: errorMessage(e) };
      }
    }),
  )();
}

/**
 * What a failure says, for the outcomes that carry it across threads (a message, not the error).
 * @param {unknown} e
 */
export function errorMessage(e) {
  return e instanceof Error ? e.message : String(e);
}
