// The container walkthroughs run as written: every ```sh docker block of the pages below, in
// order, in one bash per page at the checkout's root (as a reader who cloned it), against the
// real Docker engine, and prints what the page shows after it.
//
// Readers have Compose v2 (`docker compose`); Debian's CI machines have v1 (`docker-compose`),
// which reads the same file. Where the client has no `compose` subcommand, a `docker` function
// in the reader's shell hands `docker compose …` to `docker-compose …`: the pages stay written for
// v2, and no step's output depends on it. Each page gets a Compose project and published port of
// its own, so a reader's own `docker compose up` in this checkout is left alone.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellSteps } from '../support/docs/markdown.js';
import { readerEnv } from '../support/docs/reader-env.js';
import { runStepsAsWritten } from '../support/docs/run-steps.js';
import { ShellSession } from '../support/docs/shell-session.js';
import { REPO_ROOT, hasComposeV2, hasDocker } from '../support/docker.js';
import { freePort } from '../support/processes.js';
import { scratchDir } from '../support/scratch.js';

const PAGES = ['README.md', 'docs/deploy.md'];
/** The published address the pages show: docker-compose.yml's default. */
const SHOWN = '127.0.0.1:4599';

/** A reader's terminal (../support/docs/reader-env.ts), with the page's own Compose project and published port. */
function pageEnv(home: string, project: string, port: number): NodeJS.ProcessEnv {
  return { ...readerEnv(home), COMPOSE_PROJECT_NAME: project, EKSID_PORT: String(port) };
}

const docker = hasDocker('docs.docker.test');

describe.skipIf(!docker).each(PAGES)('%s, its docker blocks', (page) => {
  const text = readFileSync(join(REPO_ROOT, page), 'utf8');
  const steps = shellSteps(text).filter((s) => s.docker);
  const project = `eksid-docs-${randomBytes(3).toString('hex')}`;
  let shell: ShellSession;
  let address: string;

  beforeAll(async () => {
    const port = await freePort();
    address = `127.0.0.1:${port}`;
    shell = new ShellSession(REPO_ROOT, pageEnv(scratchDir('eksid-docs-home-'), project, port), scratchDir('eksid-docs-out-'));
    if (!hasComposeV2()) await shell.run('docker() { if [ "$1" = compose ]; then shift; docker-compose "$@"; else command docker "$@"; fi; }');
  });

  afterAll(async () => {
    // In the page's shell: a page may name its own project (COMPOSE_PROJECT_NAME), and a failed
    // step must not leave it running for the next page, whose compose network would collide.
    await shell?.run('docker compose down --volumes --remove-orphans >/dev/null 2>&1', 120_000).catch(() => undefined);
    await shell?.close();
  });

  it('should have docker blocks to run', () => {
    expect(steps.length).toBeGreaterThan(0);
  });

  it('should run every docker block as written and print what the page shows', async () => {
    await runStepsAsWritten(shell, page, steps, { shown: SHOWN, actual: address }, 900_000);
  }, 1_800_000);
});
