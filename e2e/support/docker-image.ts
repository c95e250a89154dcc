import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EKSID_IMAGE, REPO_ROOT, dockerAnswers } from './docker.js';

// Ryuk (testcontainers' reaper) comes from a registry: where its image is not already present it
// cannot be pulled, so it is switched off and every suite stops its own containers.
const RYUK_IMAGE = 'testcontainers/ryuk:0.14.0';

// Vitest global setup of the `docker` project: builds eksid:local from this checkout's
// deploy/Dockerfile (scripts/build-image.sh), so no suite runs a stale image. BuildKit's cache
// makes a rebuild of unchanged sources take seconds. Without an engine it does nothing: each
// suite says loudly that it skips.
export function setup(): void {
  if (!dockerAnswers()) return;
  if (spawnSync('docker', ['image', 'inspect', RYUK_IMAGE], { stdio: 'ignore' }).status !== 0) {
    process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
  }
  const started = Date.now();
  const build = spawnSync('bash', [join(REPO_ROOT, 'scripts/build-image.sh'), EKSID_IMAGE], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 1_200_000, maxBuffer: 256 * 1024 * 1024 });
  if (build.status !== 0) {
    const tail = `${build.stdout}${build.stderr}`.trimEnd().split('\n').slice(-40).join('\n');
    throw new Error(`scripts/build-image.sh ${EKSID_IMAGE} failed (exit ${String(build.status ?? build.signal)}); its last lines:\n${tail}`);
  }
  console.log(`[docker] built ${EKSID_IMAGE} from deploy/Dockerfile in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
