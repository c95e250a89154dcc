import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // e2e suites spawn real CLIs (aws, python3); give them room without masking hangs.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Builds packages/cli/dist, which every suite that starts eksid as a process runs.
    // Gives the run one scratch directory for the e2e suites' files, removed when it ends.
    globalSetup: ['e2e/support/build-runtime.ts', 'e2e/support/scratch.ts'],
    // The dashboard imports its stylesheet as text (`style.css?raw`); vitest empties CSS unless asked.
    css: { include: [/\/dashboard\/style\.css/] },
    restoreMocks: true,
    unstubEnvs: true,
    // `pnpm test:unit` and `pnpm test:e2e` run one each; `pnpm test` runs both.
    projects: [
      {
        extends: true,
        // Each package's own tests (in-process HTTP included), repository checks, the bench's own tests.
        test: { name: 'unit', include: ['test/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'bench/**/*.test.ts'] },
      },
      {
        extends: true,
        // Real clients (aws CLI, boto3, the JS SDK, chromium, npm) against eksid processes.
        test: { name: 'e2e', include: ['e2e/**/*.test.ts', 'examples/**/*.test.ts'] },
      },
    ],
  },
});
