import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the test run's scratch directories go; set by the global setup below, inherited by the test workers. */
const ROOT_VARIABLE = 'EKSID_TEST_SCRATCH';

/**
 * A fresh directory for a test's files (an isolated AWS home, a token file). Inside the run's
 * scratch root, so the whole run's files go when it ends, even those of a suite that failed
 * half-way; in the system temp directory when no run set a root (a script importing this).
 */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(process.env[ROOT_VARIABLE] ?? tmpdir(), prefix));
}

/** Vitest global setup: one scratch root per run, removed at teardown. */
export function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'eksid-test-run-'));
  process.env[ROOT_VARIABLE] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
