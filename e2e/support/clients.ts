import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './scratch.js';

/**
 * The real clients the e2e suites drive. Each is probed once; a missing one makes its suite
 * skip with a loud message instead of failing the whole run or passing silently.
 */
function probe(command: string, args: string[]): string | undefined {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 30_000 });
    return undefined;
  } catch (err) {
    return `${command} ${args.join(' ')} failed: ${(err as Error).message.split('\n')[0]}`;
  }
}

export const awsCliMissing = probe('aws', ['--version']);
export const boto3Missing = probe('python3', ['-c', 'import boto3']);

export function warnIfMissing(client: string, reason: string | undefined): boolean {
  if (reason) console.warn(`\n!!! e2e: ${client} is not available, its suite is SKIPPED: ${reason}\n`);
  return reason !== undefined;
}

/** Environment isolated from the developer's own AWS config and credentials. */
export function isolatedAwsEnv(endpoint: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = scratchDir('eksid-aws-home-');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  return {
    ...env,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_ENDPOINT_URL: endpoint,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...extra,
  };
}

/** Static keys eksid does not know: in lenient mode they act as the account root. */
export const ROOT_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { env, timeout: 60_000, maxBuffer: 10 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Runs the aws CLI and parses its JSON output; fails with the CLI's stderr otherwise. */
export async function awsJson<T = Record<string, unknown>>(args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  const result = await run('aws', [...args, '--output', 'json'], env);
  if (result.code !== 0) throw new Error(`aws ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
  return (result.stdout.trim() ? JSON.parse(result.stdout) : {}) as T;
}

/** Writes a token the way kubelet projects it: the JWT alone, no trailing newline. */
export function writeTokenFile(token: string): string {
  const file = join(scratchDir('eksid-token-'), 'token');
  writeFileSync(file, token);
  return file;
}

export function irsaTrustPolicy(providerArn: string, issuerHostPath: string, namespace: string, serviceAccount: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${issuerHostPath}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
            [`${issuerHostPath}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ],
  });
}
