// Plain JavaScript, not TypeScript: the write thread (write-behind/write-thread.mjs) loads this from the
// source tree with plain node, no loader, whether the server runs as the CLI bundle
// (packages/cli/build.mjs) or under vitest; a TypeScript loader would cost the thread memory
// (docs/performance.md).

/**
 * Sets up a connection to eksid's database file the same way for the server's connection
 * (database.ts) and the write thread's, so both see the same rules:
 * - WAL: readers never wait for the writer, and the two connections can share the file;
 * - synchronous NORMAL: in WAL mode a commit survives a crash of eksid (not of the machine);
 * - a writer waits up to 5 s for the other connection's write to finish instead of failing.
 * @param {import('better-sqlite3').Database} db
 * @param {{ file: boolean }} options `file: false` for `:memory:` (no WAL there)
 */
export function configureConnection(db, { file }) {
  if (file) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}
