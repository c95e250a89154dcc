import { createRequire } from 'node:module';
import { CreatePodIdentityAssociationCommand, EKSClient } from '@aws-sdk/client-eks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, awsCliMissing, boto3Missing, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';
import type { RunResult } from './support/clients.js';
import { REGION, rootCredentials } from './support/irsa-setup.js';

// `eksid exec` for a service account with an EKS Pod Identity association. demo's default/app
// also carries an IRSA role annotation: the association must win, as on EKS.
const eksid: EksidProcess = await startEksid({ config: 'examples/demo.yaml' });
afterAll(async () => eksid.stop());

// The association API may be missing from an older server: probe it, skip loudly if absent.
const probe = await fetch(`${eksid.url}/clusters/demo/pod-identity-associations`);
const associationApiAvailable = probe.status === 200;
if (!associationApiAvailable) console.warn(`\n!!! e2e: the EKS Pod Identity association API answered ${probe.status}; exec-pod-identity is SKIPPED\n`);

const ROLE_ARN = 'arn:aws:iam::000000000000:role/demo-pod-identity';
const SESSION = /^arn:aws:sts::000000000000:assumed-role\/demo-pod-identity\/eks-demo-exec-[a-z0-9]{5}-[0-9a-f-]{36}$/;
const stsModule = (() => {
  try {
    return createRequire(import.meta.url).resolve('@aws-sdk/client-sts');
  } catch {
    return undefined;
  }
})();

describe.skipIf(!associationApiAvailable)('eksid exec (EKS Pod Identity)', () => {
  const env = isolatedAwsEnv(eksid.url, ROOT_KEYS);
  const exec = (cmd: string[], serviceAccount = 'app'): Promise<RunResult> =>
    run(process.execPath, [CLI_ENTRY, 'exec', '--endpoint', eksid.url, '--cluster', 'demo', '--namespace', 'default', '--service-account', serviceAccount, '--', ...cmd], env);

  beforeAll(async () => {
    const eks = new EKSClient({ endpoint: eksid.url, region: REGION, credentials: rootCredentials });
    await eks.send(new CreatePodIdentityAssociationCommand({ clusterName: 'demo', namespace: 'default', serviceAccount: 'app', roleArn: ROLE_ARN }));
    eks.destroy();
  });

  it.skipIf(warnIfMissing('aws CLI', awsCliMissing))('should make `aws sts get-caller-identity` the associated role, not the IRSA one', async () => {
    const result = await exec(['aws', 'sts', 'get-caller-identity', '--output', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { Arn: string }).Arn).toMatch(SESSION);
  });

  it.skipIf(warnIfMissing('boto3', boto3Missing))("should serve boto3's container provider from the loopback agent", async () => {
    const result = await exec(['python3', '-c', "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(SESSION);
  });

  it.skipIf(warnIfMissing('@aws-sdk/client-sts', stsModule === undefined ? 'not resolvable from e2e/' : undefined))(
    "should serve the JS SDK v3's container provider from the loopback agent",
    async () => {
      const script = `const { STSClient, GetCallerIdentityCommand } = require(${JSON.stringify(stsModule)});
new STSClient({}).send(new GetCallerIdentityCommand({})).then((r) => console.log(r.Arn), (e) => { console.error(e); process.exit(1); });`;
      const result = await exec([process.execPath, '-e', script]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim()).toMatch(SESSION);
    },
  );

  it('should inject the container-credentials env with a pods.eks.amazonaws.com token file', async () => {
    const result = await exec(['sh', '-c', 'echo "$AWS_CONTAINER_CREDENTIALS_FULL_URI"; echo "${AWS_ROLE_ARN:-none}"; cut -d. -f2 "$AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"']);
    expect(result.code, result.stderr).toBe(0);
    const [uri, roleArn, claims = ''] = result.stdout.trim().split('\n');
    expect(uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/credentials$/);
    expect(roleArn).toBe('none');
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toMatchObject({ aud: ['pods.eks.amazonaws.com'], 'kubernetes.io': { pod: { name: expect.stringMatching(/^exec-/) } } });
  });
});
