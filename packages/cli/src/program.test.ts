import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RUNTIME_FILE } from '../build.mjs';
import { describe, expect, it } from 'vitest';
import { run } from './program.js';
import { memoryIo } from './test-support.js';

// Port 9 (discard): nothing listens there on dev or CI machines, so connecting is refused at once.
const DEAD = 'http://127.0.0.1:9';

describe('run', () => {
  it.each([
    [['bogus'], "eksid: unknown command 'bogus'"],
    [['token', '--namespace', 'a', '--service-account', 'b'], 'eksid: missing required option: --cluster'],
    [['token', '--cluster', 'c', '--namespace', 'a', '--service-account', 'b', '--expiration', 'soon'], "eksid: option '--expiration <seconds>' argument 'soon' is invalid. expected a whole number."],
    [['up', '--port', '70000'], "eksid: option '--port <port>' argument '70000' is invalid. expected a port between 0 and 65535."],
    [['up', '--bogus'], "eksid: unknown option '--bogus'"],
    [['keys', 'expor'], "eksid: unknown command 'expor' (did you mean export?)"],
    [['apply'], 'eksid: missing required option: --file'],
    [['token', '--cluster', 'c', '--namespace', 'a', '--service-account', 'b', '--endpoint', 'nope'], "eksid: invalid endpoint 'nope': expected a URL like http://127.0.0.1:4599"],
    [['exec', '--cluster', 'c', '--namespace', 'a', '--service-account', 'b'], "eksid: missing required argument 'command'"],
    [['exec', '--namespace', 'a', '--service-account', 'b', '--', 'true'], 'eksid: missing required option: --cluster'],
    [['agent'], 'eksid: missing required option: --cluster'],
    [['agent', '-c', 'demo', '--port', 'x'], "eksid: option '-p, --port <port>' argument 'x' is invalid. expected a whole number."],
    [['agent', '-c', 'demo', '--max-credential-retention-before-renewal', 'soon'], "eksid: option '--max-credential-retention-before-renewal <duration>' argument 'soon' is invalid. expected a duration such as 3h or 90m."],
    [['webhook', '--bogus'], 'eksid: unknown flag --bogus'],
    [['webhook', '--bogus', 'x', '--prot=1', '--port', 'y'], 'eksid: unknown flags --bogus, --prot; invalid value "y" for --port: expected an integer'],
    [['webhook', '--sts-regional-endpoint', '--port', 'x'], 'eksid: invalid value "x" for --port: expected an integer'],
    [['webhook', '--tls-cert', 'a.crt', '--in-cluster=false'], 'eksid: --tls-cert and --tls-key must be given together'],
  ])('should exit 2 with one line for the usage error %j', async (argv, line) => {
    const io = memoryIo();
    expect(await run(argv, io)).toBe(2);
    expect(io.err()).toBe(`${line}\n`);
    expect(io.out()).toBe('');
  });

  it.each([
    [['token', '--clustr', 'x'], "unknown option '--clustr' (did you mean --cluster?); missing required options: --namespace, --service-account"],
    [['token'], 'missing required options: --cluster, --namespace, --service-account'],
    [['token', '--cluster', 'c', '--bogus', '--namespace', 'a', '--audince', 'x'], "unknown option '--bogus'; unknown option '--audince' (did you mean --audience?); missing required option: --service-account"],
    [['up', '--bogus', '--prot', '1', '--host', 'h'], "unknown option '--bogus'; unknown option '--prot' (did you mean --port?)"],
    [['exec', '--clustr', 'c', '--namespace', 'a', '--service-account', 'b', '--', 'true'], "unknown option '--clustr' (did you mean --cluster?)"],
    [['exec', '--clustr=c', '--', 'true'], "unknown option '--clustr' (did you mean --cluster?); missing required options: --namespace, --service-account"],
    [['keys', 'export', '--clustr', 'c', '--outt', 'd'], "unknown option '--clustr' (did you mean --cluster?); unknown option '--outt' (did you mean --out?)"],
    [['events', '--folow', '--limt', '3', '-x'], "unknown option '--folow' (did you mean --follow?); unknown option '--limt' (did you mean --limit?); unknown option '-x'"],
    [['agent', '--cluster-name', 'demo', '--bogus'], "unknown option '--bogus'"],
    [['agent', '-C', 'demo'], "unknown option '-C'; missing required option: --cluster"],
    [['apply', '--fil', 'x.yaml', '--endpont', 'http://x'], "unknown option '--fil' (did you mean --file?); unknown option '--endpont' (did you mean --endpoint?)"],
    [['--bogus', 'token'], "unknown option '--bogus'"],
  ])('should name every unknown and missing option at once, typos first: %j', async (argv, line) => {
    const io = memoryIo();
    expect(await run(argv, io)).toBe(2);
    expect(io.err()).toBe(`eksid: ${line}\n`);
    expect(io.out()).toBe('');
  });

  it.each([
    [['token', '--cluster', 'c', '--namespace', 'a', '--service-account', 'b', '--endpoint', DEAD]],
    [['keys', 'export', '--cluster', 'c', '--endpoint', DEAD]],
    [['apply', '-f', fileURLToPath(new URL('../../../examples/demo.yaml', import.meta.url)), '--endpoint', DEAD]],
    [['exec', '--cluster', 'c', '--namespace', 'a', '--service-account', 'b', '--endpoint', DEAD, '--', 'true']],
  ])('should exit 1 with one line when the server is unreachable: %j', async (argv) => {
    const io = memoryIo();
    expect(await run(argv, io)).toBe(1);
    expect(io.err()).toBe(`eksid: cannot reach ${DEAD} (is \`eksid up\` running?)\n`);
  });

  it.each([
    [['token', '--cluster', 'c', '--namespace', 'a', '--service-account', 'b']],
    [['apply', '-f', fileURLToPath(new URL('../../../examples/demo.yaml', import.meta.url))]],
    [['keys', 'export', '--cluster', 'c']],
    [['events']],
    [['explain', '--cluster', 'c', '--namespace', 'a', '--service-account', 'b']],
    [['exec', '--cluster', 'c', '--namespace', 'a', '--service-account', 'b', '--', 'true']],
  ])('should ask the server $EKSID_ENDPOINT, else $AWS_ENDPOINT_URL names: %j', async (argv) => {
    for (const env of [{ EKSID_ENDPOINT: DEAD, AWS_ENDPOINT_URL: 'http://127.0.0.1:4599' }, { AWS_ENDPOINT_URL: DEAD }]) {
      const io = memoryIo(env);
      expect(await run(argv, io)).toBe(1);
      expect(io.err()).toBe(`eksid: cannot reach ${DEAD} (is \`eksid up\` running?)\n`);
    }
  });

  it('should exit 0 for --help and --version', async () => {
    const help = memoryIo();
    expect(await run(['--help'], help)).toBe(0);
    expect(help.out()).toContain('Usage: eksid');
    const version = memoryIo();
    expect(await run(['--version'], version)).toBe(0);
    expect(version.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('should print the webhook flags for `webhook --help`', async () => {
    const io = memoryIo();
    expect(await run(['webhook', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/\n {2}--container-credentials-full-uri string +AWS_CONTAINER_CREDENTIALS_FULL_URI given to Pod Identity containers \(default: "http:\/\/169\.254\.170\.23\/v1\/credentials"\)\n/);
    expect(io.out()).toMatch(/\n {2}--sts-regional-endpoint +give containers AWS_STS_REGIONAL_ENDPOINTS=regional \(default: false\)\n/);
  });

  it('should say in `exec --help` that inherited credentials are not passed on', async () => {
    const io = memoryIo();
    expect(await run(['exec', '--help'], io)).toBe(0);
    expect(io.out()).toContain('CMD does NOT inherit AWS_ACCESS_KEY_ID');
  });

  it('should report a bind failure of the agent in one line, exit 1', async () => {
    const io = memoryIo();
    expect(await run(['agent', '-c', 'demo', '-b', '192.0.2.1', '--port', '0', '--endpoint', DEAD], io)).toBe(1);
    expect(io.err()).toBe('eksid: listen tcp 192.0.2.1:0: bind: cannot assign requested address\n');
  });

  it('should report a missing config file in one line, exit 1', async () => {
    const io = memoryIo();
    expect(await run(['apply', '-f', '/nonexistent/eksid.yaml'], io)).toBe(1);
    expect(io.err()).toBe('eksid: cannot read /nonexistent/eksid.yaml: no such file\n');
  });
});

// The built CLI (vitest's global setup builds it), as users run it.
describe('main.ts', () => {
  const eksid = (...args: string[]) => spawnSync(process.execPath, [RUNTIME_FILE, ...args], { encoding: 'utf8', timeout: 30_000 });

  it('should exit 2 with one stderr line on a usage error', () => {
    const result = eksid('token', '--bogus');
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^eksid: /);
  });

  it('should exit 1 with one stderr line, no stack trace, when the server is unreachable', () => {
    const result = eksid('token', '--cluster', 'c', '--namespace', 'n', '--service-account', 's', '--endpoint', DEAD);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`eksid: cannot reach ${DEAD} (is \`eksid up\` running?)\n`);
    expect(result.stdout).toBe('');
  });
});
