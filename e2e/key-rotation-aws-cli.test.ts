import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, awsCliMissing, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';

// `eksid keys rotate` seen from the unmodified aws CLI: tokens of the old key keep working while
// it is published, new tokens carry the new kid, and a token whose key left the JWKS is refused.
// A key's window ending is shown with --max-token-lifetime 0 (it leaves at once) instead of a wait.
const eksid: EksidProcess = await startEksid({ config: 'examples/demo.yaml' });
afterAll(async () => eksid.stop());

const env = isolatedAwsEnv(eksid.url, ROOT_KEYS);
const cli = (args: string[]) => run(process.execPath, [CLI_ENTRY, ...args, '--endpoint', eksid.url], env);
const kid = (token: string): string => (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { kid: string }).kid;

async function mint(): Promise<string> {
  return (await cli(['token', '--cluster', 'demo', '--namespace', 'default', '--service-account', 'app'])).stdout.trim();
}

function assume(token: string) {
  return run('aws', ['sts', 'assume-role-with-web-identity', '--role-arn', 'arn:aws:iam::000000000000:role/demo-app', '--role-session-name', 'rotation', '--web-identity-token', token, '--query', 'AssumedRoleUser.Arn', '--output', 'text'], env);
}

async function jwksKids(): Promise<string[]> {
  const issuer = (await run('aws', ['eks', 'describe-cluster', '--name', 'demo', '--query', 'cluster.identity.oidc.issuer', '--output', 'text'], env)).stdout.trim();
  return ((await (await fetch(`${issuer}/keys`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
}

describe.skipIf(warnIfMissing('aws CLI', awsCliMissing))('key rotation with the aws CLI', () => {
  it('keeps tokens of the old key valid while it is published, signs with the new one, and refuses a token whose key is gone', async () => {
    const ASSUMED = 'arn:aws:sts::000000000000:assumed-role/demo-app/rotation\n';
    const first = await mint();
    expect((await assume(first)).stdout).toBe(ASSUMED);

    const rotated = await cli(['keys', 'rotate', '--cluster', 'demo', '--max-token-lifetime', '3600']);
    expect([rotated.code, rotated.stderr]).toEqual([0, '']);
    const second = await mint();
    expect(kid(second)).not.toBe(kid(first));
    expect(rotated.stdout).toMatch(new RegExp(`^${kid(second)} {2}signing\\n${kid(first)} {2}published until \\S+Z\\n$`));
    expect(await jwksKids()).toEqual([kid(second), kid(first)]);
    expect((await assume(first)).stdout).toBe(ASSUMED);
    expect((await assume(second)).stdout).toBe(ASSUMED);

    expect((await cli(['keys', 'rotate', '--cluster', 'demo', '--max-token-lifetime', '0'])).code).toBe(0);
    const third = await mint();
    expect(await jwksKids()).toEqual([kid(third), kid(first)]);
    const refused = await assume(second);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      "An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
    );
    expect((await assume(first)).stdout).toBe(ASSUMED);
    expect((await assume(third)).stdout).toBe(ASSUMED);
  });
});
