import { buildRuntime } from '../../packages/cli/build.mjs';

// Vitest global setup: the suites that start eksid as a process start the bundle users run
// (CLI_ENTRY), so it is built once from the current sources before any suite runs.
export async function setup(): Promise<void> {
  await buildRuntime();
}
