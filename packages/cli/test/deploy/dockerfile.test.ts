// Static checks of deploy/Dockerfile (no Docker engine here, so nothing is built): what the
// build copies exists and survives the ignore file, the runtime is non-root with a
// healthcheck, and the default command is one the CLI accepts.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RUNTIME_FILE } from '../../build.mjs';
import { ROOT, parseEksidArgs, read } from './support.js';

interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}

/** Dockerfile instructions with continuations joined and comments dropped; stage = FROM index. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let stage = -1;
  const lines = text.replace(/\\\n(\s*#.*\n)*/g, ' ').split('\n');
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(\w+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    if (keyword === 'FROM') stage += 1;
    out.push({ keyword, args: match[2] ?? '', stage });
  }
  return out;
}

/** Docker's ignore rules: the last matching pattern wins; `**` spans directories; a match on a parent dir covers its files. */
function ignored(patterns: string[], path: string): boolean {
  const regex = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/?/g, '<ANY>').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/<ANY>/g, '(?:.*/)?')}(?:/.*)?$`);
  let result = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).replace(/^\/+|\/+$/g, '');
    if (regex(pattern).test(path)) result = !negated;
  }
  return result;
}

const dockerfile = read('deploy/Dockerfile');
const steps = instructions(dockerfile);
const lastStage = Math.max(...steps.map((s) => s.stage));
const final = steps.filter((s) => s.stage === lastStage);
const ignorePatterns = read('deploy/Dockerfile.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const execForm = (args: string) => JSON.parse(args) as string[];

describe('deploy/Dockerfile', () => {
  it('should build from node:20 bookworm-slim in two stages, toolchain in the builder only', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(steps.filter((s) => s.keyword === 'FROM').map((s) => s.args)).toEqual(['${NODE_IMAGE} AS build', '${NODE_IMAGE}']);
    const runs = (stage: number) => steps.filter((s) => s.keyword === 'RUN' && s.stage === stage).map((s) => s.args).join('\n');
    expect(runs(0)).toMatch(/apt-get install -y --no-install-recommends python3 make g\+\+/);
    expect(runs(0)).toMatch(/npm i -g pnpm@10/);
    expect(runs(lastStage)).not.toMatch(/g\+\+|python3|make/);
    for (const stage of [0, lastStage]) expect(runs(stage)).toMatch(/rm -rf \/var\/lib\/apt\/lists/);
  });

  it('should need no frontend image, which a machine without a registry cannot pull', () => {
    expect(dockerfile).not.toMatch(/^#\s*syntax\s*=/im);
  });

  it('should take a proxy CA only as a build secret, on the steps that fetch packages', () => {
    const fetching = steps.filter((s) => s.keyword === 'RUN' && /\b(npm|pnpm) (i|install)\b/.test(s.args));
    expect(fetching.length).toBeGreaterThanOrEqual(3);
    for (const step of fetching) expect(step.args).toMatch(/^--mount=type=secret,id=ca with_ca |^--mount=type=secret,id=ca .*with_ca npm install/);
    expect(steps.filter((s) => s.keyword === 'COPY' || s.keyword === 'ADD' || s.keyword === 'ENV' || s.keyword === 'ARG').map((s) => s.args).join('\n')).not.toMatch(/ca-certificates\.crt|NODE_EXTRA_CA_CERTS|\.pem/);
  });

  it('should build better-sqlite3 from source and prove it loads', () => {
    expect(dockerfile).toMatch(/npm_config_build_from_source=true/);
    const prune = steps.findIndex((s) => s.keyword === 'RUN' && s.args.includes('rm -rf "$d/deps"'));
    const loadAt = steps.findIndex((s) => s.keyword === 'RUN' && s.args.includes("require('/app/packages/cli/node_modules/better-sqlite3')"));
    expect(prune).toBeGreaterThan(0);
    // The load check runs after the prune, so a prune that removed too much fails the build.
    expect(loadAt).toBeGreaterThan(prune);
    const load = steps[loadAt];
    expect(load?.stage).toBe(0);
    // The path it loads is where pnpm links core's dependency.
    expect(JSON.parse(read('packages/core/package.json')).dependencies).toHaveProperty('better-sqlite3');
    expect(load?.args).toContain('/app/packages/cli/node_modules/better-sqlite3');
  });

  it('should copy every workspace manifest before the frozen-lockfile install', () => {
    // Every project pnpm-workspace.yaml names (`dir/*` or `dir`).
    const globs = (parse(read('pnpm-workspace.yaml')) as { packages: string[] }).packages;
    const dirs = globs.flatMap((glob) => (glob.endsWith('/*') ? readdirSync(join(ROOT, glob.slice(0, -2))).map((d) => `${glob.slice(0, -2)}/${d}`) : [glob]));
    const projects = dirs.filter((d) => existsSync(join(ROOT, d, 'package.json'))).map((d) => `${d}/package.json`);
    expect(projects).toContain('examples/embedding/package.json');
    const copied = steps.filter((s) => s.keyword === 'COPY' && s.stage === 0).flatMap((s) => s.args.split(/\s+/).slice(0, -1));
    for (const manifest of projects) expect(copied, `${manifest} is not copied before pnpm install`).toContain(manifest);
  });

  it('should copy only sources that exist and that the ignore file lets through', () => {
    const copies = steps.filter((s) => s.keyword === 'COPY' && !s.args.includes('--from='));
    expect(copies.length).toBeGreaterThan(5);
    for (const copy of copies) {
      const sources = copy.args.split(/\s+/).filter((w) => !w.startsWith('--')).slice(0, -1);
      for (const source of sources) {
        expect(existsSync(join(ROOT, source)), `COPY source ${source} does not exist`).toBe(true);
        expect(ignored(ignorePatterns, source.replace(/\/$/, '')), `COPY source ${source} is excluded by Dockerfile.dockerignore`).toBe(false);
      }
    }
  });

  it('should keep node_modules, tests and VCS data out of the context', () => {
    for (const path of ['node_modules', 'packages/core/node_modules/x', '.git/HEAD', 'packages/core/src/a.test.ts', 'packages/webhook/test/fixtures/a.yaml', 'e2e/sts.test.ts', '.eksid/db']) {
      expect(ignored(ignorePatterns, path), path).toBe(true);
    }
    for (const path of ['packages/core/src/index.ts', 'e2e/package.json', 'deploy/bin/eksid', 'examples/demo.yaml', 'pnpm-lock.yaml']) {
      expect(ignored(ignorePatterns, path), path).toBe(false);
    }
  });

  it('should run as a numeric non-root user in the final stage', () => {
    const users = final.filter((s) => s.keyword === 'USER').map((s) => s.args);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatch(/^[1-9]\d*(:\d+)?$/);
  });

  it('should have a HEALTHCHECK on eksid\'s health route at the CLI\'s default port', async () => {
    const check = final.find((s) => s.keyword === 'HEALTHCHECK');
    expect(check?.args).toMatch(/CMD \["eksid-healthcheck", "http:\/\/127\.0\.0\.1:(\d+)\/_eksid\/health/);
    const port = /127\.0\.0\.1:(\d+)\/_eksid\/health/.exec(check?.args ?? '')?.[1];
    expect(Number(port)).toBe((await parseEksidArgs(['up']))['port']);
    expect(final.find((s) => s.keyword === 'EXPOSE')?.args).toBe(port);
  });

  it('should default to `eksid up` on all interfaces with /data and the demo config', async () => {
    expect(execForm(final.find((s) => s.keyword === 'ENTRYPOINT')?.args ?? '[]')).toEqual(['eksid']);
    const cmd = execForm(final.find((s) => s.keyword === 'CMD')?.args ?? '[]');
    expect(await parseEksidArgs(cmd)).toMatchObject({ host: '0.0.0.0', data: '/data', config: '/etc/eksid/demo.yaml' });
    expect(dockerfile).toMatch(/^COPY examples\/demo\.yaml \/etc\/eksid\/demo\.yaml$/m);
    expect(dockerfile).toMatch(/^RUN install -d -o 1000 -g 1000 \/data \/tokens$/m);
  });

  it('should build the CLI bundle the entrypoint runs, with the lockfile\'s esbuild', () => {
    const wrapper = read('deploy/bin/eksid');
    expect(wrapper).toMatch(/^#!\/bin\/sh\n/);
    expect(wrapper).toMatch(/^exec \/app\/packages\/cli\/bin\/eksid-node \/app\/packages\/cli\/dist\/eksid\.mjs "\$@"$/m);
    // The file the entrypoint runs is the one build.mjs writes, built in the build stage.
    expect(join(ROOT, 'packages/cli/dist/eksid.mjs')).toBe(RUNTIME_FILE);
    const build = steps.find((s) => s.keyword === 'RUN' && s.args.includes('node packages/cli/build.mjs'));
    expect(build?.stage).toBe(0);
    expect(build?.args).toContain('ln -s /opt/esbuild/node_modules/esbuild node_modules/esbuild');
    expect(build?.args).toContain('node packages/cli/dist/eksid.mjs --version');
    // After the sources are copied, so the bundle is of this image's sources.
    expect(steps.indexOf(build as Instruction)).toBeGreaterThan(steps.findIndex((s) => s.keyword === 'COPY' && s.args === 'packages/ packages/'));
    // The Dockerfile's sed finds the locked version, the one this workspace builds with.
    const sed = /sed -n '([^']+)' pnpm-lock\.yaml/.exec(dockerfile)?.[1] ?? '';
    const locked = execFileSync('sed', ['-n', sed, join(ROOT, 'pnpm-lock.yaml')], { encoding: 'utf8' }).split('\n')[0];
    expect(locked).toBe(JSON.parse(readFileSync(join(ROOT, 'node_modules/esbuild/package.json'), 'utf8')).version);
    expect(dockerfile).not.toContain('tsx');
  });
});
