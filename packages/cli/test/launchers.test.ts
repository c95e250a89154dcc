import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every way of starting eksid goes through bin/eksid-node, the one place node's flags live.
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LAUNCHER = 'packages/cli/bin/eksid-node';
const read = (path: string) => readFileSync(`${ROOT}/${path}`, 'utf8');
const run = (command: string, args: string[]) => spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });

describe('eksid-node', () => {
  it('should start node with a bounded young generation and old-generation growth, and pass every argument on', () => {
    const result = run(LAUNCHER, ['-e', 'console.log(JSON.stringify([process.execArgv.slice(0, 2), process.argv.slice(1)]))', 'a', 'b c']);
    expect([result.status, JSON.parse(result.stdout)]).toEqual([0, [['--max-semi-space-size=2', '--heap-growing-percent=50'], ['a', 'b c']]]);
  });

  // The role is the word after the CLI's runtime file; -e stands in for it here.
  it.each([
    [['packages/cli/dist/eksid.mjs', 'webhook', '--port', '8443'], '--max-semi-space-size=8'],
    [['/app/packages/cli/dist/eksid.mjs', 'webhook'], '--max-semi-space-size=8'],
    [['packages/cli/dist/eksid.mjs', 'up', '--port', '4599'], '--max-semi-space-size=8'],
    [['packages/cli/dist/eksid.mjs', 'token', 'up'], '--max-semi-space-size=2'],
    [['packages/cli/dist/eksid.mjs', 'agent', 'webhook'], '--max-semi-space-size=2'],
  ])('should give only the server and webhook roles a larger young generation (%j)', (cli, semiSpace) => {
    const result = run(LAUNCHER, ['-e', 'console.log(JSON.stringify(process.execArgv.slice(0, 2)))', ...cli]);
    expect([result.status, JSON.parse(result.stdout)]).toEqual([0, [semiSpace, '--heap-growing-percent=50']]);
  });

  it.each([
    ['pnpm eksid (and so pnpm start)', () => (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['eksid'] ?? ''],
    ["the image's entrypoint", () => read('deploy/bin/eksid')],
    ['e2e and bench', () => read('e2e/support/eksid.ts')],
  ])('should be how %s starts node', (_launcher, text) => {
    expect(text()).toContain(LAUNCHER);
  });
});

describe('bin/eksid.js', () => {
  it('should run the CLI and exit with its status', () => {
    expect(run(process.execPath, ['packages/cli/bin/eksid.js', '--version'])).toMatchObject({ status: 0, stdout: '0.1.0\n' });
    expect(run(process.execPath, ['packages/cli/bin/eksid.js', 'no-such-command']).status).toBe(2);
  });
});
