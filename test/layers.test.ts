// Repository-wide checks of how the packages depend on each other (the rules eslint cannot
// see: what a package's door loads at run time, through every import).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const file = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * The workspace files an entry loads, as esbuild resolves them, and the npm packages they
 * import (by name: the packages themselves are not followed).
 */
async function importGraph(entry: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [file(entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [{ name: 'npm-external', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@eksid/') ? undefined : { path: args.path, external: true })) }],
  });
  const npm = Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
  return [...Object.keys(metafile.inputs), ...new Set(npm)];
}

const loadsSqlite = (files: string[]): string[] => files.filter((f) => f === 'better-sqlite3' || f.includes('core/src/store/'));

describe('package doors', () => {
  it('should load native SQLite through core\'s main door (so the checks below mean something)', async () => {
    expect(loadsSqlite(await importGraph('packages/core/src/index.ts'))).not.toEqual([]);
  });

  // Processes that only report decisions to eksid (on a node, in a cluster, in a user's test
  // process) must not need a native addon they never use.
  it.each(['packages/core/src/audit-client.ts', 'packages/agent/src/index.ts', 'packages/webhook/src/index.ts', 'packages/testcontainers/src/index.ts'])(
    'should not load native SQLite from %s',
    async (entry) => {
      const files = await importGraph(entry);
      expect(files.length).toBeGreaterThan(1);
      expect(loadsSqlite(files)).toEqual([]);
    },
  );
});

// The import rules of eslint.config.js, each seen refusing what it is for.
describe('layer rules (eslint)', () => {
  const eslint = new ESLint({ cwd: file('') });
  const refusal = async (path: string, code: string): Promise<string[]> =>
    (await eslint.lintText(code, { filePath: file(path) }))[0]?.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message) ?? [];

  it.each([
    ['packages/core/src/x.ts', "import express from 'express';", 'core knows nothing of HTTP'],
    ['packages/core/src/x.ts', "import { startServer } from '@eksid/server';", 'core knows nothing of HTTP'],
    ['packages/server/src/x.ts', "import { startEksid } from 'eksid';", 'nothing imports the CLI'],
    ['packages/testcontainers/src/x.ts', "import { run } from '../../cli/src/program.js';", 'nothing imports the CLI'],
    ['packages/agent/src/x.ts', "import { startServer } from '@eksid/server';", 'never load it'],
    ['packages/webhook/src/x.ts', "import { Store } from '@eksid/core';", 'use @eksid/core/audit-client'],
    ['e2e/x.test.ts', "import { startServer } from '../packages/server/src/server.js';", 'through its door'],
    ['examples/embedding/x.test.ts', "import { run } from '../../packages/cli/src/program.js';", 'through its door'],
  ])('should refuse in %s: %s', async (path, code, why) => {
    expect((await refusal(path, `${code}\nexport const used = [${/import \{ (\w+) \}|import (\w+)/.exec(code)?.slice(1).find(Boolean) ?? ''}];\n`)).join('\n')).toContain(why);
  });

  it.each([
    ['packages/agent/src/x.ts', "import { DecisionDraft } from '@eksid/core/audit-client';"],
    ['e2e/x.test.ts', "import { startEksid } from 'eksid';"],
    ['packages/cli/src/x.ts', "import { startEksidServer } from '@eksid/server';"],
  ])('should let %s use %s', async (path, code) => {
    expect(await refusal(path, `${code}\nexport const used = [${/import \{ (\w+) \}/.exec(code)?.[1] ?? ''}];\n`)).toEqual([]);
  });
});
