import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BINARY_VARIABLE, UNAVAILABLE_VARIABLE } from './kube-apiserver.js';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;
const SOURCE = join(REPO_ROOT, 'test/kube-apiserver');
/** Outside the source tree and ignored by git; Go's build cache makes an unchanged rebuild take seconds. */
const OUTPUT_DIR = join(REPO_ROOT, 'node_modules/.cache/eksid-kube-apiserver');
const OUTPUT = join(OUTPUT_DIR, 'kube-apiserver');

/**
 * Vitest global setup of the `kube` project: builds test/kube-apiserver once per run, and hands
 * the suites the binary's path, or why there is none (they then skip, each saying so loudly).
 * kubectl (test/kube-apiserver/kubectl) is built beside it: the docs page builds both as a
 * reader does, and finds Go's cache warm. The first build on a machine compiles Kubernetes and
 * etcd: minutes, hence the long timeout.
 */
export function setup(): void {
  const version = spawnSync('go', ['version'], { encoding: 'utf8', timeout: 30_000 });
  if (version.status !== 0) {
    process.env[UNAVAILABLE_VARIABLE] = `no Go toolchain (\`go version\`: ${version.error?.message ?? version.stderr.trim()}); install Go 1.24 or later`;
    return;
  }
  const started = Date.now();
  // nice: the build takes every core it gets for minutes, and may share the machine.
  const build = spawnSync('nice', ['-n', '19', 'go', 'build', '-buildvcs=false', '-o', `${OUTPUT_DIR}/`, '.', './kubectl'], {
    cwd: SOURCE,
    encoding: 'utf8',
    timeout: 2_400_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) {
    const tail = `${build.stdout}${build.stderr}`.trimEnd().split('\n').slice(-5).join(' | ');
    process.env[UNAVAILABLE_VARIABLE] = `\`go build\` in test/kube-apiserver failed (${String(build.status ?? build.signal ?? build.error?.message)}): ${tail}`;
    return;
  }
  process.env[BINARY_VARIABLE] = OUTPUT;
  console.log(`[kube] built test/kube-apiserver with ${version.stdout.trim()} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
