// What a JS/TS test suite does with eksid: start it in process (a throwaway store on a free
// port), declare a cluster and roles, and hand the code under test the environment a pod
// would get. The SDK's own credential providers then do what they do in EKS.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromHttp, fromTokenFile } from '@aws-sdk/credential-providers';
import { startEksid } from 'eksid';
import type { Eksid } from 'eksid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let eksid: Eksid;
let dir: string;

beforeAll(async () => {
  eksid = await startEksid({
    config: {
      clusters: [{
        name: 'shop',
        serviceAccounts: [{ namespace: 'orders', name: 'api', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::000000000000:role/orders-api' } }],
      }],
      oidcProviders: [{ cluster: 'shop' }],
      roles: [
        { name: 'orders-api', trustPolicy: { irsa: { cluster: 'shop', namespace: 'orders', serviceAccount: 'api' } } },
        { name: 'orders-worker', trustPolicy: { podIdentity: { cluster: 'shop' } } },
      ],
      podIdentityAssociations: [{ cluster: 'shop', namespace: 'orders', serviceAccount: 'worker', role: 'orders-worker' }],
    },
  });
  dir = await mkdtemp(join(tmpdir(), 'eksid-example-'));
});

afterAll(async () => {
  await eksid?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Who AWS says the credentials are. */
async function whoAmI(credentials: Awaited<ReturnType<ReturnType<typeof fromTokenFile>>>): Promise<string | undefined> {
  const sts = new STSClient({ region: eksid.region, endpoint: eksid.endpoint, credentials });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

describe('IRSA', () => {
  it("gives the service account's annotated role through the web identity token file", async () => {
    const env = await eksid.irsaEnv({ cluster: 'shop', namespace: 'orders', serviceAccount: 'api', tokenFile: join(dir, 'irsa-token') });
    const credentials = await fromTokenFile({
      roleArn: env['AWS_ROLE_ARN'],
      webIdentityTokenFile: env['AWS_WEB_IDENTITY_TOKEN_FILE'],
      clientConfig: { region: env['AWS_REGION'], endpoint: env['AWS_ENDPOINT_URL'] },
    })();
    expect(await whoAmI(credentials)).toMatch(/^arn:aws:sts::000000000000:assumed-role\/orders-api\//);
  });

  it("refuses another service account's token, as STS would", async () => {
    const env = await eksid.irsaEnv({ cluster: 'shop', namespace: 'orders', serviceAccount: 'intruder', roleArn: 'arn:aws:iam::000000000000:role/orders-api', tokenFile: join(dir, 'intruder-token') });
    const provider = fromTokenFile({ roleArn: env['AWS_ROLE_ARN'], webIdentityTokenFile: env['AWS_WEB_IDENTITY_TOKEN_FILE'], clientConfig: { region: eksid.region, endpoint: eksid.endpoint } });
    await expect(provider()).rejects.toMatchObject({ name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' });
  });
});

describe('EKS Pod Identity', () => {
  it("gives the associated role through the node agent's credentials URL", async () => {
    const env = await eksid.podIdentityEnv({ cluster: 'shop', namespace: 'orders', serviceAccount: 'worker', tokenFile: join(dir, 'pod-token') });
    const credentials = await fromHttp({
      awsContainerCredentialsFullUri: env['AWS_CONTAINER_CREDENTIALS_FULL_URI'],
      awsContainerAuthorizationTokenFile: env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'],
    })();
    expect(await whoAmI(credentials)).toMatch(/^arn:aws:sts::000000000000:assumed-role\/orders-worker\/eks-shop-/);
  });
});
