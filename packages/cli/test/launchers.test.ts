import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Every way of starting eksid goes through bin/eksid-node, the one place node's flags live.
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LAUNCHER = 'packages/cli/bin/eksid-node';
const read = (path: string) => readFileSync(`${ROOT}/${path}`, 'utf8');
const run = (command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) => spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', ...options });
const scratch = mkdtempSync(join(tmpdir(), 'eksid-launchers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

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

  it('should run the node named by EKSID_NODE_BINARY (the launcher\'s own)', () => {
    const result = run('/bin/sh', [LAUNCHER, '-e', 'console.log(process.execPath)'], { env: { ...process.env, EKSID_NODE_BINARY: process.execPath, PATH: '/nonexistent' } });
    expect([result.status, result.stdout]).toEqual([0, `${process.execPath}\n`]);
  });

  it.each([
    ['pnpm eksid and pnpm start', () => (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['eksid'] ?? '', 'packages/cli/bin/from-checkout.js'],
    ['the installed command and pnpm eksid', () => read('packages/cli/bin/launch.js'), './eksid-node'],
    ["the image's entrypoint", () => read('deploy/bin/eksid'), LAUNCHER],
    ['e2e and bench', () => read('e2e/support/eksid.ts'), LAUNCHER],
  ])('should be how %s start node', (_launcher, text, through) => {
    expect(text()).toContain(through);
  });
});

describe('bin/eksid.js', () => {
  it('should run the built CLI and exit with its status', () => {
    expect(run(process.execPath, ['packages/cli/bin/eksid.js', '--version'])).toMatchObject({ status: 0, stdout: '0.1.0\n' });
    expect(run(process.execPath, ['packages/cli/bin/eksid.js', 'no-such-command']).status).toBe(2);
  });

  it('should stop `eksid up` cleanly on a SIGINT sent to the launcher alone, as pnpm forwards one', async () => {
    const child = spawn(process.execPath, ['packages/cli/bin/eksid.js', 'up', '--port', '0', '--log-level', 'silent'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('eksid ready at')) resolve();
    }));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});

describe('pnpm eksid (bin/from-checkout.js)', () => {
  it("should resolve paths against the caller's directory (INIT_CWD), not the repository root", () => {
    const result = run(process.execPath, ['packages/cli/bin/from-checkout.js', 'webhook-certs', '--out', 'certs', '--days', '1'], { env: { ...process.env, INIT_CWD: scratch } });
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(scratch, 'certs', 'ca.crt'))).toBe(true);
    expect(existsSync(join(ROOT, 'certs'))).toBe(false);
  });
});
