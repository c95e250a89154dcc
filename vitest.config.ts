import { configDefaults, defineConfig } from 'vitest/config';

/** Suites that need a Docker engine: the `docker` project runs them, and only it. */
const DOCKER_SUITES = ['**/*.docker.test.ts'];
/** Suites against a real kube-apiserver built from Go modules (test/kube-apiserver): the `kube` project. */
const KUBE_SUITES = ['e2e/kube-*.test.ts'];

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
    // `pnpm test:unit`, `pnpm test:e2e`, `pnpm test:kube` and `pnpm test:docker` run one each; `pnpm test` runs all.
    projects: [
      {
        extends: true,
        // Each package's own tests (in-process HTTP included), repository checks, the bench's own tests.
        test: { name: 'unit', include: ['test/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'bench/**/*.test.ts'], exclude: [...configDefaults.exclude, ...DOCKER_SUITES] },
      },
      {
        extends: true,
        // Real clients (aws CLI, boto3, the JS SDK, chromium, npm) against eksid processes.
        test: { name: 'e2e', include: ['e2e/**/*.test.ts', 'examples/**/*.test.ts'], exclude: [...configDefaults.exclude, ...DOCKER_SUITES, ...KUBE_SUITES] },
      },
      {
        extends: true,
        // IRSA, admission and Pod Identity through a real kube-apiserver + etcd. Its global setup
        // builds that program (minutes the first time on a machine, seconds after). One file at a
        // time: each starts its own API server, which wants a core of its own to start quickly.
        test: {
          name: 'kube',
          include: KUBE_SUITES,
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
          globalSetup: ['e2e/support/build-runtime.ts', 'e2e/support/scratch.ts', 'e2e/support/kube-apiserver-build.ts'],
        },
      },
      {
        extends: true,
        // Containers on a real Docker engine: the image, docker compose, the testcontainers
        // module. One file at a time: they share the engine, and compose's fixed link-local
        // subnet (169.254.170.0/24, where the agent's address lives) exists once per engine.
        test: {
          name: 'docker',
          include: DOCKER_SUITES,
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 900_000,
          globalSetup: ['e2e/support/build-runtime.ts', 'e2e/support/scratch.ts', 'e2e/support/docker-image.ts'],
        },
      },
    ],
  },
});
