import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromHttp } from '@aws-sdk/credential-providers';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AccessKey, Eksid } from './api.js';
import { startEksid } from './start-eksid.js';

const DEMO = fileURLToPath(new URL('../../../../examples/demo.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'eksid-embed-strict-'));
let eksid: Eksid | undefined;
afterEach(async () => {
  await eksid?.close();
  eksid = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function callerArn(on: Eksid, credentials: AccessKey & { sessionToken?: string }): Promise<string | undefined> {
  const sts = new STSClient({ region: on.region, endpoint: on.endpoint, credentials });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

describe('startEksid with strictSignatures', () => {
  it('should expose the root key pair it created, which signs as the account root', async () => {
    eksid = await startEksid({ strictSignatures: true, region: 'eu-west-1' });
    expect(eksid.rootCredentials.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(await callerArn(eksid, eksid.rootCredentials)).toBe('arn:aws:iam::000000000000:root');
    await expect(callerArn(eksid, { accessKeyId: 'test', secretAccessKey: 'test' })).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });

  it('should use the root key pair it is given', async () => {
    const rootCredentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    eksid = await startEksid({ strictSignatures: true, rootCredentials });
    expect(eksid.rootCredentials).toEqual(rootCredentials);
    expect(await callerArn(eksid, rootCredentials)).toBe('arn:aws:iam::000000000000:root');
  });

  it("should serve Pod Identity through a loopback agent that signs EKS Auth calls in the server's region", async () => {
    eksid = await startEksid({ config: DEMO, strictSignatures: true, region: 'eu-west-1' });
    const tokenFile = join(dir, 'eks-pod-identity-token');
    const env = await eksid.podIdentityEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', tokenFile });
    const credentials = await fromHttp({ awsContainerCredentialsFullUri: env['AWS_CONTAINER_CREDENTIALS_FULL_URI'], awsContainerAuthorizationTokenFile: tokenFile })();
    expect(await callerArn(eksid, credentials)).toMatch(/^arn:aws:sts::000000000000:assumed-role\/demo-pod-identity\//);
  });
});
