// The module against a real Docker engine (the `docker` vitest project, whose global setup
// builds eksid:local): the demo config, both demo roles through the real AWS SDK providers,
// and a second container on a shared network reaching eksid at the alias the module derived.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromHttp, fromTokenFile } from '@aws-sdk/credential-providers';
import { GenericContainer, Network } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT, hasDocker } from '../../../e2e/support/docker.js';
import { EksidContainer } from './index.js';
import type { StartedEksidContainer } from './index.js';

const DEMO_CONFIG = join(REPO_ROOT, 'examples/demo.yaml');
const IRSA_ROLE = 'arn:aws:iam::000000000000:role/demo-app';

async function callerArn(credentials: Awaited<ReturnType<ReturnType<typeof fromHttp>>>, endpoint: string): Promise<string | undefined> {
  const sts = new STSClient({ region: 'us-east-1', endpoint, credentials });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

/** Starts the container, saying how long start() took to return ready (no assert: a figure for the log). */
async function timedStart(container: EksidContainer, label: string): Promise<StartedEksidContainer> {
  const started = performance.now();
  const eksid = await container.start();
  console.log(`[eksid-container.docker] ${label}: start() to ready ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return eksid;
}

describe.skipIf(!hasDocker('eksid-container.docker.test'))('EksidContainer on Docker', () => {
  let eksid: StartedEksidContainer;
  let dir: string;

  beforeAll(async () => {
    eksid = await timedStart(new EksidContainer().withConfig(DEMO_CONFIG), 'no network');
    dir = await mkdtemp(join(tmpdir(), 'eksid-docker-'));
  });

  afterAll(async () => {
    await eksid?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('should answer health at the connection URI', async () => {
    const res = await fetch(`${eksid.getConnectionUri()}/_eksid/health`);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('should assume the IRSA role with the env irsaEnv returns', async () => {
    const tokenFile = join(dir, 'token');
    const env = await eksid.irsaEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'app', roleArn: IRSA_ROLE, tokenFile });
    const credentials = await fromTokenFile({ roleArn: env['AWS_ROLE_ARN'], webIdentityTokenFile: tokenFile, clientConfig: { region: 'us-east-1', endpoint: eksid.getConnectionUri() } })();
    expect(await callerArn(credentials, eksid.getConnectionUri())).toMatch(/assumed-role\/demo-app\//);
  });

  it('should assume the Pod Identity role with the env podIdentityEnv returns', async () => {
    const env = await eksid.podIdentityEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', tokenFile: join(dir, 'eks-pod-identity-token') });
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    expect(await callerArn(await fromHttp({})(), eksid.getConnectionUri())).toMatch(/assumed-role\/demo-pod-identity\//);
  });

  it('should be reached by another container on a shared network at the derived alias, issuer included', async () => {
    await using network = await new Network().start();
    await using onNetwork = await timedStart(new EksidContainer().withConfig(DEMO_CONFIG).withNetwork(network), 'on a network');
    // The aws CLI's image, kept running so the test can exec in it.
    await using cli = await new GenericContainer('amazon/aws-cli:latest').withNetwork(network).withEntrypoint(['sleep']).withCommand(['infinity']).start();
    expect(onNetwork.getPublicUrl()).toBe('http://eksid:4599');

    const token = await onNetwork.mintToken({ cluster: 'demo', namespace: 'default', serviceAccount: 'app' });
    const assumed = await cli.exec(['aws', 'sts', 'assume-role-with-web-identity', '--role-arn', IRSA_ROLE, '--role-session-name', 'from-cli', '--web-identity-token', token,
      '--endpoint-url', onNetwork.getPublicUrl(), '--region', 'us-east-1', '--output', 'json']);
    expect(assumed.stderr).toBe('');
    expect(JSON.parse(assumed.stdout)).toMatchObject({ AssumedRoleUser: { Arn: 'arn:aws:sts::000000000000:assumed-role/demo-app/from-cli' } });

    // The token's issuer is a URL the other container can fetch (where a verifier finds the keys).
    const iss = String(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).iss);
    const discovery = await cli.exec(['python3', '-c', 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())', `${iss}/.well-known/openid-configuration`]);
    expect(JSON.parse(discovery.stdout)).toMatchObject({ issuer: iss, jwks_uri: `${iss}/keys` });
  });
});
