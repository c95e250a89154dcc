// The store (better-sqlite3, a native addon) lives in the container: a user's test process
// that imports this module must never load it, or their suite would need a toolchain or a
// prebuilt binary for nothing. Two checks, since each misses what the other sees: what the
// graph could load on any path (lazy imports included), and what a real import does load.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const PACKAGE_DIR = new URL('..', import.meta.url).pathname;

describe('@eksid/testcontainers', () => {
  it('should reach no module that imports better-sqlite3, on any code path', async () => {
    const bare = new Set<string>();
    // Workspace packages are followed into their sources; npm packages are only noted.
    const { metafile } = await build({
      entryPoints: [`${PACKAGE_DIR}src/index.ts`],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      plugins: [{
        name: 'note-npm-imports',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, ({ path }) => {
            if (path.startsWith('@eksid/')) return undefined;
            bare.add(path);
            return { path, external: true };
          });
        },
      }],
    });
    // The graph was followed: the agent's sources are in it.
    expect(Object.keys(metafile.inputs).some((file) => file.includes('agent/src/local/'))).toBe(true);
    expect([...bare].filter((path) => path.startsWith('better-sqlite3'))).toEqual([]);
  });

  it('should load no better-sqlite3, module or addon, when a test process imports and configures it', async () => {
    // Run as a user's suite would (tsx for the workspace's TypeScript), in a fresh process,
    // counting every native addon the process opens and every CommonJS module it loads.
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
