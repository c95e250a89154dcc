// Builds what every eksid process runs and what the `eksid` package ships: the CLI and the
// workspace packages it imports, compiled by esbuild into ES modules in dist/, run by plain
// node. Entries: dist/eksid.mjs (the command), dist/index.mjs (the embedding API, with
// dist/index.d.ts) and dist/write-thread.mjs (the SQLite write thread core starts by file
// name beside its chunk), plus shared chunks.
//
// Why a bundle instead of running the TypeScript through tsx: tsx's loader runs on a thread of
// its own and transpiles at every start (docs/performance.md has the measurements). `pnpm
// eksid`, `pnpm start`, bin/eksid.js, the image, the e2e suites and `pnpm bench` all run this
// output, so the code the tests start is the code users start. Vitest runs the sources.
//
// npm packages stay outside the bundle, imported by name (pino starts worker threads by file
// name, better-sqlite3 loads a native addon, some are CommonJS): each must be a dependency of
// this package, which is how they resolve both from a checkout and from an installed tarball.
// The build fails naming any that is not.
//
// Run: `node packages/cli/build.mjs` (`pnpm build`); `--clean` also removes every file
// an older build left in dist/ (what `pnpm pack` runs, so nothing stale is shipped).
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
export const RUNTIME_FILE = here('./dist/eksid.mjs');
const OUT_DIR = dirname(RUNTIME_FILE);
const ENTRIES = {
  eksid: here('./src/main.ts'),
  index: here('./src/index.ts'),
  'write-thread': here('../core/src/store/write-behind/write-thread.mjs'),
};
/** The embedding API's types, self-contained: published as dist/index.d.ts. */
const API_TYPES = here('./src/embed/api.ts');

const manifest = JSON.parse(await readFile(here('./package.json'), 'utf8'));
const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));

/** `express/lib/x` → express, `@scope/name/x` → @scope/name. */
const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/**
 * `@eksid/core/audit-client` → the file its package's `exports` names, read from the workspace
 * folder itself: the build needs no node_modules links between workspace packages (the image
 * installs only this package's npm dependencies).
 */
async function workspaceFile(specifier) {
  const [, name, subpath] = /^@eksid\/([^/]+)(\/.*)?$/.exec(specifier);
  const folder = here(`../${name}/`);
  const { exports } = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'));
  const target = exports?.[`.${subpath ?? ''}`];
  return typeof target === 'string' ? join(folder, target) : undefined;
}

const npmExternal = {
  name: 'npm-external',
  setup(build) {
    build.onResolve({ filter: /^@eksid\// }, async (args) => {
      const path = await workspaceFile(args.path);
      return path === undefined ? { errors: [{ text: `${args.path} is not exported by a workspace package` }] } : { path };
    });
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return undefined;
      const name = packageName(args.path);
      if (!dependencies.has(name)) {
        return { errors: [{ text: `${name} (imported by ${args.importer}) must be a dependency of packages/cli/package.json: the bundle imports it by name` }] };
      }
      return { path: args.path, external: true };
    });
  },
};

// `import text from './app.js?raw'`: the file's text, as vitest (vite) gives it.
const rawText = {
  name: 'raw-text',
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, (args) => ({ path: join(args.resolveDir, args.path.slice(0, -'?raw'.length)), namespace: 'raw' }));
    build.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

/** Chunks older than this that the current build does not use are deleted. */
const STALE_CHUNK_MS = 60 * 60 * 1000;

/** dist/index.d.ts: the API's types as they are, plus the one function the package exports. */
async function declarations() {
  const source = await readFile(API_TYPES, 'utf8');
  if (/^\s*import\s/m.test(source)) throw new Error(`${API_TYPES} must stay self-contained: it is published as dist/index.d.ts`);
  return `${source}\nexport declare const startEksid: StartEksid;\n`;
}

/**
 * Writes dist/ and returns the CLI's path; throws (esbuild's message) when the sources do not
 * compile. Code split into chunks: the commands that load a package on demand (the webhook's
 * Kubernetes client, the agent, exec's AWS SDK) get it in a chunk of its own, so `eksid up`
 * never loads them. Every file is replaced by a rename, never rewritten in place, the CLI
 * last: a test run (or a second `pnpm eksid`) may be starting processes from these files
 * while another build runs. Chunk names carry a content hash, so a running process keeps
 * finding the chunks it was built with.
 */
export async function buildRuntime({ clean = false } = {}) {
  const { outputFiles } = await build({
    entryPoints: ENTRIES,
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // No keepNames: it wraps every named function, closures made per request included, in a
    // defineProperty call, a measurable cost to STS throughput (docs/performance.md). Without it, a top-level name two
    // modules share gets a numeric suffix in the bundle, seen in stack traces: what clients
    // get (AWS error codes, the agent's error codes) is written as strings, never read from names.
    plugins: [npmExternal, rawText],
    logLevel: 'warning',
    write: false,
  });
  await mkdir(OUT_DIR, { recursive: true });
  const files = [...outputFiles.map((f) => ({ path: f.path, contents: f.contents })), { path: join(OUT_DIR, 'index.d.ts'), contents: await declarations() }];
  files.sort((a, b) => Number(a.path === RUNTIME_FILE) - Number(b.path === RUNTIME_FILE));
  for (const file of files) {
    const staging = `${file.path}.${process.pid}.tmp`;
    await writeFile(staging, file.contents);
    await rename(staging, file.path);
  }
  // Same sources, same chunk names: a clean build removes only what an older build left,
  // never another build's staging files (it renames them in place a moment later).
  const written = new Set(files.map((f) => basename(f.path)));
  for (const name of await readdir(OUT_DIR)) {
    if (written.has(name) || name.endsWith('.tmp')) continue;
    const path = join(OUT_DIR, name);
    if (clean || (/^chunk-\w+\.mjs$/.test(name) && Date.now() - (await stat(path)).mtimeMs > STALE_CHUNK_MS)) await rm(path, { force: true });
  }
  return RUNTIME_FILE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await buildRuntime({ clean: process.argv.includes('--clean') });
  } catch (err) {
    // esbuild has printed compile errors (logLevel warning); anything else is said here.
    if (!(err && Array.isArray(err.errors))) console.error(`build: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
