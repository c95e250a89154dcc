// Every shell block of the README and the walkthroughs in docs/ runs as written, in order, in
// one bash per page (as a reader's terminal), against a fresh eksid started like `pnpm start`
// (examples/demo.yaml), and prints what the page shows after it. The reader's `eksid` is the
// checkout's (node_modules/.bin, what the pages put on PATH); the page's files come from a
// copy of examples/. `EKSID_DOCS_UPDATE=1 pnpm vitest run e2e/docs.test.ts` writes what a
// run printed into the pages' output blocks instead of comparing (review the diff).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCliMissing, boto3Missing, warnIfMissing } from './support/clients.js';
import { firstDifference } from './support/docs/compare.js';
import { shellSteps } from './support/docs/markdown.js';
import { readerEnv } from './support/docs/reader-env.js';
import type { ShellStep } from './support/docs/markdown.js';
import { ShellSession } from './support/docs/shell-session.js';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { scratchDir } from './support/scratch.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * The pages whose shell blocks are walkthroughs. docs/deploy.md's need a Docker engine and kind;
 * docs/embedding.md shows TypeScript, run as examples/embedding.
 */
const PAGES = ['README.md', 'docs/irsa.md', 'docs/pod-identity.md', 'docs/audit.md'];
const UPDATE = process.env['EKSID_DOCS_UPDATE'] === '1';
/** The address the pages show: `pnpm start`'s. */
const SHOWN = '127.0.0.1:4599';

const missing = warnIfMissing('the aws CLI and boto3 (the walkthroughs use them)', awsCliMissing ?? boto3Missing);

/** Output of a background process: polled until it shows what the page shows, or stops changing (at most 10 s). */
async function settled(read: () => string, expected: string | undefined): Promise<string> {
  let output = read();
  for (let waited = 0, same = 0; waited < 10_000 && same < 5; waited += 100) {
    if (expected !== undefined && output.trim() !== '' && firstDifference(expected, output) === undefined) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = read();
    same = next === output && next.trim() !== '' ? same + 1 : 0;
    output = next;
  }
  return output;
}

describe.skipIf(missing).each(PAGES)('%s', (page) => {
  const text = readFileSync(join(ROOT, page), 'utf8');
  // Blocks tagged `docker` run in the docker project (e2e/docker/docs.docker.test.ts).
  const steps = shellSteps(text).filter((s) => !s.docker);
  let eksid: EksidProcess;
  let shell: ShellSession;
  let address: string;

  beforeAll(async () => {
    eksid = await startEksid({ config: 'examples/demo.yaml' });
    address = new URL(eksid.url).host;
    const cwd = scratchDir('eksid-docs-');
    cpSync(join(ROOT, 'examples'), join(cwd, 'examples'), { recursive: true, filter: (source) => !source.includes('node_modules') });
    shell = new ShellSession(cwd, readerEnv(scratchDir('eksid-docs-home-')));
  });
  afterAll(async () => {
    await shell?.close();
    await eksid?.stop();
  });

  it('should have shell blocks to run', () => {
    expect(steps.filter((s) => !s.quickStart).length).toBeGreaterThan(0);
  });

  it('should run every shell block as written and print what the page shows', async () => {
    const replacements: { step: ShellStep; output: string }[] = [];
    for (const step of steps) {
      if (step.quickStart) continue;
      const result = await shell.run(step.commands.replaceAll(SHOWN, address));
      let output = result.output().replaceAll(address, SHOWN);
      // A block that starts a server in the background shows what it prints once ready.
      if (/&\s*$/.test(step.commands)) output = await settled(() => result.output().replaceAll(address, SHOWN), step.expected?.text);
      const where = `${page}:${step.line}\n${step.commands}`;
      if (step.expected === undefined) {
        expect(result.status, `${where}\nexited ${result.status}:\n${output}`).toBe(0);
        continue;
      }
      const difference = firstDifference(step.expected.text, output);
      if (difference === undefined) continue;
      if (UPDATE) {
        replacements.push({ step, output });
        continue;
      }
      expect.fail(`${where}\noutput line ${difference.line} differs:\n  page: ${difference.expected}\n  run:  ${difference.actual}\nthe whole run:\n${output}`);
    }
    if (replacements.length > 0) {
      let updated = text;
      for (const { step, output } of replacements.reverse()) {
        const block = step.expected as NonNullable<ShellStep['expected']>;
        updated = `${updated.slice(0, block.start)}${output.replace(/\n*$/, '\n')}${updated.slice(block.end)}`;
      }
      writeFileSync(join(ROOT, page), updated);
      console.log(`[docs] ${page}: ${replacements.length} output block(s) rewritten from this run`);
    }
  }, 600_000);
});
