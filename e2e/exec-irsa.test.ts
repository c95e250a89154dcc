import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, awsCliMissing, boto3Missing, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';
import type { RunResult } from './support/clients.js';

// `eksid exec` for a service account annotated with an IRSA role (examples/demo.yaml:
// default/app → demo-app), driven through a real `eksid up` and unmodified clients.
const ROLE_ARN_PREFIX = 'arn:aws:sts::000000000000:assumed-role/demo-app/';
const stsModule = (() => {
  try {
    return createRequire(import.meta.url).resolve('@aws-sdk/client-sts');
  } catch {
    return undefined;
  }
})();

describe('eksid exec (IRSA)', () => {
  let eksid: EksidProcess;
  let env: NodeJS.ProcessEnv;
  const exec = (cmd: string[]): Promise<RunResult> =>
    run(process.execPath, [CLI_ENTRY, 'exec', '--endpoint', eksid.url, '--cluster', 'demo', '--namespace', 'default', '--service-account', 'app', '--', ...cmd], env);

  beforeAll(async () => {
    eksid = await startEksid({ config: 'examples/demo.yaml' });
    // The developer's own (root) keys are set, to prove CMD does not inherit them.
    env = isolatedAwsEnv(eksid.url, ROOT_KEYS);
  });
  afterAll(async () => eksid?.stop());

  it.skipIf(warnIfMissing('aws CLI', awsCliMissing))('should make `aws sts get-caller-identity` the demo-app role', async () => {
    const result = await exec(['aws', 'sts', 'get-caller-identity', '--output', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { Arn: string }).Arn.startsWith(ROLE_ARN_PREFIX)).toBe(true);
  });

  it.skipIf(warnIfMissing('boto3', boto3Missing))("should make boto3's default chain the demo-app role", async () => {
    const result = await exec(['python3', '-c', "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().startsWith(ROLE_ARN_PREFIX)).toBe(true);
  });

  it.skipIf(warnIfMissing('@aws-sdk/client-sts', stsModule === undefined ? 'not resolvable from e2e/' : undefined))(
    "should make the JS SDK v3's default chain the demo-app role",
    async () => {
      const script = `const { STSClient, GetCallerIdentityCommand } = require(${JSON.stringify(stsModule)});
new STSClient({}).send(new GetCallerIdentityCommand({})).then((r) => console.log(r.Arn), (e) => { console.error(e); process.exit(1); });`;
      const result = await exec([process.execPath, '-e', script]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim().startsWith(ROLE_ARN_PREFIX)).toBe(true);
    },
  );

  it("should exit with CMD's exit code", async () => {
    expect((await exec(['sh', '-c', 'exit 7'])).code).toBe(7);
  });

  it('should exit 127 with one line when CMD is not found', async () => {
    const result = await exec(['eksid-no-such-command']);
    expect(result.code).toBe(127);
    expect(result.stderr).toBe('eksid: eksid-no-such-command: command not found\n');
  });

  it('should exit 2 with one line when CMD is missing', async () => {
    const result = await run(process.execPath, [CLI_ENTRY, 'exec', '--endpoint', eksid.url, '--cluster', 'demo', '--namespace', 'default', '--service-account', 'app'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("eksid: missing required argument 'command'\n");
  });

  it.each([
    ['SIGTERM', "process.on('SIGTERM', () => { console.log('got SIGTERM'); process.exit(3); });", 3, 'got SIGTERM'],
    ['SIGINT', '', 130, ''],
  ] as const)('should forward %s to CMD and exit with its status', async (signal, handler, status, said) => {
    const child = spawn(process.execPath, [CLI_ENTRY, 'exec', '--endpoint', eksid.url, '--cluster', 'demo', '--namespace', 'default', '--service-account', 'app', '--',
      process.execPath, '-e', `${handler} console.log('ready'); setInterval(() => {}, 1000);`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('ready')) resolve();
    }));
    child.kill(signal);
    expect(await exited).toBe(status);
    expect(stdout).toBe(`ready\n${said === '' ? '' : `${said}\n`}`);
  });
});
