import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDiscovered } from '@eksid/core/admin-token';
import { RUNTIME_FILE } from '../../build.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../program.js';
import { decodeJwt, eventually, memoryIo } from '../test-support.js';

const demo = fileURLToPath(new URL('../../../../examples/demo.yaml', import.meta.url));

let child: ChildProcessWithoutNullStreams;
let stdout = '';
let stderr = '';
let endpoint: string;
let exited: Promise<number | null>;

beforeAll(async () => {
  // The built CLI (vitest's global setup builds it), as users run it.
  // Without XDG_RUNTIME_DIR it announces itself where the tests' clients (env {}) look first.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'XDG_RUNTIME_DIR' && name !== 'EKSID_ADMIN_TOKEN'));
  child = spawn(process.execPath, [RUNTIME_FILE, 'up', '--port', '0', '--data', ':memory:', '--config', demo], { env });
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  endpoint = await eventually(() => /eksid ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]);
});
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('eksid up', () => {
  it('should apply the config, then print the endpoint, the dashboard and the cluster issuer', () => {
    expect(stdout).toContain('6 created, 0 updated, 0 unchanged');
    expect(stdout).toContain(`\n  dashboard ${endpoint}/\n`);
    expect(stdout).toMatch(new RegExp(`cluster demo: issuer ${endpoint}/id/[0-9A-F]{32}`));
    expect(stdout).toContain(`export AWS_ENDPOINT_URL=${endpoint}`);
  });

  it('should mint tokens through `eksid token` whose claims name the issuer and service account', async () => {
    const io = memoryIo();
    const code = await run(['token', '--endpoint', endpoint, '--cluster', 'demo', '--namespace', 'default', '--service-account', 'app', '--audience', 'a', '--audience', 'b', '--expiration', '3600', '--pod', 'app-0'], io);
    expect(code).toBe(0);
    expect(io.out()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const { header, claims } = decodeJwt(io.out());
    const issuer = /cluster demo: issuer (\S+)/.exec(stdout)?.[1];
    expect(header['alg']).toBe('RS256');
    expect(claims).toMatchObject({ iss: issuer, sub: 'system:serviceaccount:default:app', aud: ['a', 'b'], 'kubernetes.io': { pod: { name: 'app-0' } } });
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(3600);
  });

  it('should default the token audience to sts.amazonaws.com and its lifetime to a day', async () => {
    const io = memoryIo({ EKSID_ENDPOINT: endpoint });
    expect(await run(['token', '--cluster', 'demo', '--namespace', 'default', '--service-account', 'app'], io)).toBe(0);
    const { claims } = decodeJwt(io.out());
    expect(claims['aud']).toEqual(['sts.amazonaws.com']);
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(86_400);
  });

  it('should write the token file as kubelet does with --out: no trailing newline, mode 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eksid-token-'));
    const file = join(dir, 'token');
    const io = memoryIo({ EKSID_ENDPOINT: endpoint });
    expect(await run(['token', '--cluster', 'demo', '--namespace', 'default', '--service-account', 'app', '--out', file], io)).toBe(0);
    expect(io.out()).toBe('');
    expect(readFileSync(file, 'utf8')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    rmSync(dir, { recursive: true });
  });

  it('should report everything unchanged when `eksid apply` sends the same file', async () => {
    const io = memoryIo();
    expect(await run(['apply', '-f', demo, '--endpoint', endpoint], io)).toBe(0);
    expect(io.out()).toMatch(/^cluster demo unchanged\n/);
    expect(io.out()).toContain('0 created, 0 updated, 6 unchanged\n');
  });

  it('should answer an unknown cluster in one line, exit 1', async () => {
    const io = memoryIo();
    expect(await run(['token', '--endpoint', endpoint, '--cluster', 'nope', '--namespace', 'a', '--service-account', 'b'], io)).toBe(1);
    expect(io.err()).toBe('eksid: No cluster found for name: nope.\n');
  });

  it('should export the cluster key as sa.key and sa.pub', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eksid-keys-'));
    try {
      const io = memoryIo();
      expect(await run(['keys', 'export', '--cluster', 'demo', '--out', dir, '--endpoint', endpoint], io)).toBe(0);
      expect(readFileSync(join(dir, 'sa.key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(readFileSync(join(dir, 'sa.pub'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      expect(statSync(join(dir, 'sa.key')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should rotate the cluster key, printing the key that signs and the one still published', async () => {
    const io = memoryIo();
    const before = decodeJwt(await mintDemoToken()).header['kid'];
    expect(await run(['keys', 'rotate', '--cluster', 'demo', '--max-token-lifetime', '600', '--endpoint', endpoint], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^[\w-]{43} {2}signing$/), `${String(before)}  published until ${lines[1]?.slice(-24)}`]);
    expect(lines[1]).toMatch(/published until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(decodeJwt(await mintDemoToken()).header['kid']).toBe(lines[0]?.split(' ')[0]);
  });

  it('should answer a rotation of an unknown cluster in one line, exit 1', async () => {
    const io = memoryIo();
    expect(await run(['keys', 'rotate', '--cluster', 'nope', '--endpoint', endpoint], io)).toBe(1);
    expect(io.err()).toBe('eksid: No cluster found for name: nope.\n');
  });

  it('should print the admin token it made, and refuse /_eksid calls without it', async () => {
    const token = /\n {2}admin token ([\w-]{43})\n/.exec(stdout)?.[1];
    expect(token).toBeDefined();
    expect(stdout).toContain('    guards /_eksid (keys, tokens, events): eksid commands on this machine find it; elsewhere export EKSID_ADMIN_TOKEN=… or pass --admin-token\n');
    expect((await fetch(`${endpoint}/_eksid/keys/demo`)).status).toBe(401);
    expect((await fetch(`${endpoint}/_eksid/keys/demo`, { headers: { 'X-Eksid-Admin-Token': token ?? '' } })).status).toBe(200);
    // What clients on this machine find, in a file only this user can read.
    expect(findDiscovered(endpoint)).toEqual({ url: endpoint, port: Number(new URL(endpoint).port), pid: child.pid, adminToken: token });
  });

  it('should let client commands find the token themselves, and refuse a wrong one in one line', async () => {
    const found = memoryIo();
    expect(await run(['keys', 'export', '--endpoint', endpoint.replace('127.0.0.1', 'localhost'), '--cluster', 'demo'], found)).toBe(0);
    expect(found.out()).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    for (const io of [memoryIo({ EKSID_ADMIN_TOKEN: 'wrong' }), memoryIo()]) {
      const args = ['keys', 'export', '--endpoint', endpoint, '--cluster', 'demo', ...(io.env['EKSID_ADMIN_TOKEN'] ? [] : ['--admin-token', 'wrong'])];
      expect(await run(args, io)).toBe(1);
      expect(io.err()).toBe("eksid: the X-Eksid-Admin-Token header is not this instance's admin token: send this instance's admin token (printed by `eksid up`) in the X-Eksid-Admin-Token header; eksid's clients read --admin-token or $EKSID_ADMIN_TOKEN, or find it when `eksid up` runs on the same machine\n");
    }
  });

  it('should stop cleanly on SIGTERM with exit code 0, withdrawing its discovery file', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('shutting down');
    expect(findDiscovered(endpoint)).toBeUndefined();
  });
});

async function mintDemoToken(): Promise<string> {
  const io = memoryIo();
  expect(await run(['token', '--endpoint', endpoint, '--cluster', 'demo', '--namespace', 'default', '--service-account', 'app'], io)).toBe(0);
  return io.out().trim();
}

describe('eksid up --events-max-count / --events-max-age', () => {
  it('should keep only as many decision events as --events-max-count says, a quarter of it per reporting source', async () => {
    const io = memoryIo();
    const exit = run(['up', '--port', '0', '--log-level', 'silent', '--events-max-count', '12'], io);
    const url = await eventually(() => /eksid ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out())?.[1]);
    const headers = { 'x-eksid-admin-token': /admin token (\S+)/.exec(io.out())?.[1] ?? '' };
    try {
      // The log prunes every 200 writes: 201 decisions make it prune once.
      const events = Array.from({ length: 201 }, (_, i) => ({ source: 'agent', action: `A${i}`, outcome: 'allowed' }));
      const posted = await fetch(`${url}/_eksid/events`, { method: 'POST', headers, body: JSON.stringify({ events }) });
      expect(await posted.json()).toEqual({ recorded: 201 });
      const listed = (await (await fetch(`${url}/_eksid/events`, { headers })).json()) as { events: { action: string }[]; latestId: number };
      expect([listed.events.map((e) => e.action), listed.latestId]).toEqual([['A198', 'A199', 'A200'], 201]);
    } finally {
      io.stop();
    }
    expect(await exit).toBe(0);
  });

  it.each([
    [['--events-max-count', '0'], "eksid: option '--events-max-count <n>' argument '0' is invalid. expected a whole number greater than 0."],
    [['--events-max-count', '1.5'], "eksid: option '--events-max-count <n>' argument '1.5' is invalid. expected a whole number."],
    [['--events-max-count', '-3'], "eksid: option '--events-max-count <n>' argument '-3' is invalid. expected a whole number."],
    [['--events-max-age', '0'], "eksid: option '--events-max-age <seconds>' argument '0' is invalid. expected a whole number greater than 0."],
    [['--events-max-age', '3153600001'], "eksid: option '--events-max-age <seconds>' argument '3153600001' is invalid. expected at most 3153600000."],
    [['--events-max-count', '99999999999999999999'], "eksid: option '--events-max-count <n>' argument '99999999999999999999' is invalid. expected at most 9007199254740991."],
    [['--events-max-age', 'week'], "eksid: option '--events-max-age <seconds>' argument 'week' is invalid. expected a whole number."],
  ])('should refuse %j as a usage error in one line, exit 2', async (flags, line) => {
    const io = memoryIo();
    expect(await run(['up', '--port', '0', ...flags], io)).toBe(2);
    expect(io.err()).toBe(`${line}\n`);
  });
});

describe('eksid up --allowed-host', () => {
  const statusFor = (url: string, host: string) => new Promise<number>((resolve, reject) => {
    request(`${url}/_eksid/health`, { headers: { host } }, (res) => resolve(res.resume().statusCode ?? 0)).on('error', reject).end();
  });

  it('should answer each name given, loopback names and the public URL\'s host, and refuse others with 403', async () => {
    const io = memoryIo();
    const exit = run(['up', '--port', '0', '--log-level', 'silent', '--public-url', 'http://eksid:4599', '--allowed-host', 'host.docker.internal', '--allowed-host', 'Kind-Eksid'], io);
    const url = await eventually(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out())?.[1]);
    try {
      const hosts = ['host.docker.internal:4599', 'kind-eksid', 'eksid:4599', 'localhost:4599', 'rebind.attacker.example:4599'];
      expect(await Promise.all(hosts.map((host) => statusFor(url, host)))).toEqual([200, 200, 200, 200, 403]);
    } finally {
      io.stop();
    }
    expect(await exit).toBe(0);
  });

  it('should refuse a value that is not a host name as a usage error in one line, exit 2', async () => {
    const io = memoryIo();
    expect(await run(['up', '--port', '0', '--allowed-host', 'http://eksid:4599'], io)).toBe(2);
    expect(io.err()).toBe("eksid: invalid allowed host 'http://eksid:4599': expected a host name or IP address, without scheme, port or path\n");
  });
});

describe('eksid up --allow-http-issuers', () => {
  it.each([
    [[], 400, '<Code>InvalidInput</Code><Message>Invalid Open ID Connect Provider URL. The URL must begin with https://.</Message>'],
    [['--allow-http-issuers'], 200, '<OpenIDConnectProviderArn>arn:aws:iam::000000000000:oidc-provider/idp.corp.example/tenant</OpenIDConnectProviderArn>'],
  ])('should answer CreateOpenIDConnectProvider of an http:// URL off loopback, given %j, with %i', async (flags, status, body) => {
    const io = memoryIo();
    const exit = run(['up', '--port', '0', '--log-level', 'silent', ...flags], io);
    const url = await eventually(() => /eksid ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out())?.[1]);
    try {
      const params = { Action: 'CreateOpenIDConnectProvider', Version: '2010-05-08', Url: 'http://idp.corp.example/tenant' };
      const reply = await fetch(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) });
      expect([reply.status, (await reply.text()).includes(body)]).toEqual([status, true]);
    } finally {
      io.stop();
    }
    expect(await exit).toBe(0);
  });
});
