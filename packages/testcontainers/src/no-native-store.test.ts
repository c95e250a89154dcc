// The store (better-sqlite3, a native addon) lives in the container: a user's test process
// that imports this module must never load it, or their suite would need a toolchain or a
// prebuilt binary for nothing. test/layers.test.ts checks the import graph on every code path
// (esbuild); this checks what a real import does load, in a fresh process.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const PACKAGE_DIR = new URL('..', import.meta.url).pathname;

describe('@eksid/testcontainers', () => {
  it('should load no better-sqlite3, module or addon, when a test process imports and configures it', async () => {
    // Run as a user's suite would (tsx for the workspace's TypeScript), counting every native
    // addon the process opens and every CommonJS module it loads.
    const script = `
      const opened = [];
      const dlopen = process.dlopen;
      process.dlopen = function (module, filename, ...rest) { opened.push(filename); return dlopen.call(this, module, filename, ...rest); };
      const { EksidContainer } = await import('@eksid/testcontainers');
      new EksidContainer().withConfig('demo.yaml').withRegion('eu-west-1').withStrictSignatures().withNetworkAliases('idp');
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ opened, sqlite: loaded.filter((file) => file.includes('better-sqlite3')), modules: loaded.length }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { cwd: PACKAGE_DIR, timeout: 60_000 });
    const result = JSON.parse(stdout) as { opened: string[]; sqlite: string[]; modules: number };
    // The module did load (testcontainers is CommonJS): an empty cache would prove nothing.
    expect(result.modules).toBeGreaterThan(0);
    expect(result.sqlite).toEqual([]);
    expect(result.opened.filter((file) => file.includes('better_sqlite3'))).toEqual([]);
  });
});
