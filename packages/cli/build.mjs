// Builds the runtime every eksid process runs: the CLI and the workspace packages it imports,
// compiled by esbuild into ES modules, dist/eksid.mjs and its chunks, run by plain node.
//
// Why a bundle instead of running the TypeScript through tsx: tsx's loader runs on a thread of
// its own (node 20 runs module hooks off-thread) and transpiles at every start. Measured on the
// 2-core VM: `eksid up` idled at 113 MB RSS under tsx and 94 MB as this bundle, and served
// AssumeRoleWithWebIdentity at 32 connections with ~4 % less CPU per request; `eksid
// --version` took 0.75 s under tsx, 0.53 s build included. `pnpm eksid`, `pnpm start`,
// bin/eksid.js, the image, the e2e suites and `pnpm bench` all run this file, so the code the
// tests start is the code users start. Vitest runs the TypeScript sources in-process.
//
// npm packages stay outside the bundle, imported from the node_modules they were installed
// in (pino starts worker threads by file name, better-sqlite3 loads a native addon, and some
// are CommonJS). Each is written as a path relative to dist/, resolved here with the importing
// package's own dependencies: under pnpm, a package's dependencies are visible only from that
// package's folder, and the bundle sits in the CLI's.
//
// Run: `node packages/cli/build.mjs` (`pnpm build`); it takes ~0.3 s.
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const RUNTIME_FILE = fileURLToPath(new URL('./dist/eksid.mjs', import.meta.url));
const ENTRY = fileURLToPath(new URL('./src/main.ts', import.meta.url));
const OUT_DIR = dirname(RUNTIME_FILE);

/** `./x` or `../x` from dist/ to `file`, in URL form (what an import specifier is). */
const fromOutDir = (file) => {
  const path = relative(OUT_DIR, file).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
};

const RESOLVING = Symbol('resolving');

const workspaceRuntime = {
  name: 'eksid-runtime',
  setup(build) {
    // Bare specifiers of npm packages: external, at the file the importer's package resolves.
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === RESOLVING || args.path.startsWith('node:') || args.path.startsWith('@eksid/')) return undefined;
      const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: RESOLVING });
      if (found.errors.length > 0) return { errors: found.errors };
      if (found.external || !found.path.split(sep).includes('node_modules')) return undefined;
      return { path: fromOutDir(found.path), external: true };
    });
    // import.meta.url keeps meaning the source file's URL: modules find their neighbours
    // through it (the dashboard's app.js and style.css, package.json versions, the SQLite
    // write thread's entry), and those files stay where they are.
    build.onLoad({ filter: /\.(ts|mjs)$/ }, async (args) => {
      if (args.path.split(sep).includes('node_modules')) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const sourceUrl = `new URL(${JSON.stringify(fromOutDir(args.path))}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', sourceUrl), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

/** Chunks older than this that the current build does not use are deleted. */
const STALE_CHUNK_MS = 60 * 60 * 1000;

/**
 * Writes dist/eksid.mjs and its chunks; throws (esbuild's message) when the sources do not
 * compile. Code split into chunks: the commands that load a package on demand (the webhook's
 * Kubernetes client, certificates and metrics, the agent, exec's AWS SDK) get it in a chunk
 * of its own, with its npm imports, so `eksid up` never loads them. Every file is replaced by
 * a rename, never rewritten in place, the entry last: a test run (or a second `pnpm eksid`)
 * may be starting processes from these files while another build runs. Chunk names carry a
 * content hash, so a running process keeps finding the chunks it was built with.
 */
export async function buildRuntime() {
  const { outputFiles } = await build({
    entryPoints: { eksid: ENTRY },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    // In dist/ itself, beside the entry: import paths were written relative to dist/.
    chunkNames: 'chunk-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // No keepNames: it wraps every named function, closures made per request included, in a
    // defineProperty call, which cost ~7 % of STS throughput. Without it, a top-level name two
    // modules share gets a numeric suffix in the bundle, seen in stack traces: what clients
    // get (AWS error codes, the agent's error codes) is written as strings, never read from names.
    plugins: [workspaceRuntime],
    logLevel: 'warning',
    write: false,
  });
  await mkdir(OUT_DIR, { recursive: true });
  const entryLast = [...outputFiles].sort((a, b) => Number(a.path === RUNTIME_FILE) - Number(b.path === RUNTIME_FILE));
  for (const file of entryLast) {
    const staging = `${file.path}.${process.pid}.tmp`;
    await writeFile(staging, file.contents);
    await rename(staging, file.path);
  }
  const written = new Set(outputFiles.map((f) => basename(f.path)));
  for (const name of await readdir(OUT_DIR)) {
    if (!/^chunk-\w+\.mjs$/.test(name) || written.has(name)) continue;
    const path = join(OUT_DIR, name);
    if (Date.now() - (await stat(path)).mtimeMs > STALE_CHUNK_MS) await rm(path, { force: true });
  }
  return RUNTIME_FILE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await buildRuntime();
  } catch {
    // esbuild has printed the compile errors (logLevel warning) already.
    process.exitCode = 1;
  }
}
