import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'e2e/**/*.test.ts', 'examples/**/*.test.ts', 'bench/**/*.test.ts'],
    // e2e suites spawn real CLIs (aws, python3); give them room without masking hangs.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Builds packages/cli/dist/eksid.mjs, which every suite that starts eksid as a process runs.
    // Gives the run one scratch directory for the e2e suites' files, removed when it ends.
    globalSetup: ['e2e/support/build-runtime.ts', 'e2e/support/scratch.ts'],
    // The dashboard imports its stylesheet as text (`style.css?raw`); vitest empties CSS unless asked.
    css: { include: [/\/dashboard\/style\.css/] },
    restoreMocks: true,
    unstubEnvs: true,
  },
});
