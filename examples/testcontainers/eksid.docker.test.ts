// What a JS/TS test suite does with eksid in a container: start it with a config (here the
// demo's), hand the code under test the environment a pod would get, and let the AWS SDK's own
// credential providers do what they do in EKS. Needs a Docker engine and the eksid image
// (`scripts/build-image.sh`, i.e. `docker build -f deploy/Dockerfile -t eksid:local .`).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromHttp, fromTokenFile } from '@aws-sdk/credential-providers';
import { EksidContainer } from '@eksid/testcontainers';
import type { StartedEksidContainer } from '@eksid/testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// This repository's loud skip where no engine answers; a project of yours would not need it.
import { hasDocker } from '../../e2e/support/docker.js';

const CONFIG = new URL('../demo.yaml', import.meta.url).pathname;

describe.skipIf(!hasDocker('examples/testcontainers'))('eksid in a container', () => {
  let eksid: StartedEksidContainer;
  let dir: string;

  beforeAll(async () => {
    eksid = await new EksidContainer().withConfig(CONFIG).start();
    dir = await mkdtemp(join(tmpdir(), 'eksid-example-'));
  });

  afterAll(async () => {
    await eksid?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Who AWS says the credentials are. */
  async function whoAmI(credentials: Awaited<ReturnType<ReturnType<typeof fromTokenFile>>>): Promise<string | undefined> {
    const sts = new STSClient({ region: eksid.getRegion(), endpoint: eksid.getConnectionUri(), credentials });
    try {
      return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
    } finally {
      sts.destroy();
    }
  }

  it("IRSA: gives the service account's role through the web identity token file", async () => {
    const env = await eksid.irsaEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'app', roleArn: 'arn:aws:iam::000000000000:role/demo-app', tokenFile: join(dir, 'irsa-token') });
    const credentials = await fromTokenFile({
      roleArn: env['AWS_ROLE_ARN'],
      webIdentityTokenFile: env['AWS_WEB_IDENTITY_TOKEN_FILE'],
      clientConfig: { region: env['AWS_REGION'], endpoint: env['AWS_ENDPOINT_URL'] },
    })();
    expect(await whoAmI(credentials)).toMatch(/^arn:aws:sts::000000000000:assumed-role\/demo-app\//);
  });

  it("EKS Pod Identity: gives the associated role through the node agent's credentials URL", async () => {
    const env = await eksid.podIdentityEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', tokenFile: join(dir, 'pod-token') });
    const credentials = await fromHttp({
      awsContainerCredentialsFullUri: env['AWS_CONTAINER_CREDENTIALS_FULL_URI'],
      awsContainerAuthorizationTokenFile: env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'],
    })();
    expect(await whoAmI(credentials)).toMatch(/^arn:aws:sts::000000000000:assumed-role\/demo-pod-identity\/eks-demo-/);
  });
});
