// docs/kube-apiserver.md's "Starting it by hand" runs as written, as a reader at the checkout's
// root runs it: against a fresh eksid started like `pnpm start` (examples/demo.yaml), building
// the API server and kubectl with Go, then exchanging the API server's own token at eksid's STS.
// In the `kube` project: its global setup has warmed Go's build cache (or says why it could not).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCliMissing, warnIfMissing } from './support/clients.js';
import { shellSteps } from './support/docs/markdown.js';
import { readerEnv } from './support/docs/reader-env.js';
import { runStepsAsWritten } from './support/docs/run-steps.js';
import { ShellSession } from './support/docs/shell-session.js';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { kubeApiserverMissing } from './support/kube-apiserver.js';
import { scratchDir } from './support/scratch.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE = 'docs/kube-apiserver.md';
/** The address the page shows: `pnpm start`'s. */
const SHOWN = '127.0.0.1:4599';

const missing = kubeApiserverMissing('kube-docs') || warnIfMissing('the aws CLI (the page uses it)', awsCliMissing);

function goCaches(): NodeJS.ProcessEnv {
  const [modules, build] = execFileSync('go', ['env', 'GOMODCACHE', 'GOCACHE'], { encoding: 'utf8' }).trim().split('\n');
  return { GOMODCACHE: modules, GOCACHE: build };
}

describe.skipIf(missing)(`${PAGE}, its shell blocks`, () => {
  const steps = shellSteps(readFileSync(join(REPO_ROOT, PAGE), 'utf8'));
  let eksid: EksidProcess;
  let shell: ShellSession;
  let address: string;

  beforeAll(async () => {
    eksid = await startEksid({ config: 'examples/demo.yaml' });
    address = new URL(eksid.url).host;
    // The reader's HOME is a scratch directory; Go's module and build caches stay the machine's,
    // as a reader's own would (the global setup filled them), so the page's build is a warm one.
    shell = new ShellSession(REPO_ROOT, { ...readerEnv(scratchDir('eksid-kube-docs-home-')), ...goCaches() }, scratchDir('eksid-kube-docs-out-'));
  });
  afterAll(async () => {
    // Stops the page's background API server with the shell's jobs.
    await shell?.close();
    await eksid?.stop();
  });

  it('should have shell blocks to run', () => {
    expect(steps.length).toBeGreaterThan(0);
  });

  it('should run every shell block as written and print what the page shows', async () => {
    await runStepsAsWritten(shell, PAGE, steps, { shown: SHOWN, actual: address }, 900_000);
  }, 1_200_000);
});
