// The module against a real Docker engine: builds eksid:local from deploy/Dockerfile when the
// image is missing, starts it with the demo config, and assumes both demo roles through the
// real AWS SDK providers. Skipped, with a message saying so, where no engine answers
// `docker info` (e.g. CI machines with a docker client only).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromHttp, fromTokenFile } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_EKSID_IMAGE, EksidContainer } from './index.js';
import type { StartedEksidContainer } from './index.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const DEMO_CONFIG = join(ROOT, 'examples/demo.yaml');

function dockerAnswers(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

const docker = dockerAnswers();
if (!docker) console.warn('[eksid-container.docker.test] SKIPPED: no Docker engine answers `docker info`; the real-container test needs one.');

function ensureImage(): void {
  try {
    execFileSync('docker', ['image', 'inspect', DEFAULT_EKSID_IMAGE], { stdio: 'ignore' });
  } catch {
    execFileSync('docker', ['build', '-f', join(ROOT, 'deploy/Dockerfile'), '-t', DEFAULT_EKSID_IMAGE, ROOT], { stdio: 'inherit', timeout: 900_000 });
  }
}

async function callerArn(credentials: Awaited<ReturnType<ReturnType<typeof fromHttp>>>, endpoint: string): Promise<string | undefined> {
  const sts = new STSClient({ region: 'us-east-1', endpoint, credentials });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

describe.skipIf(!docker)(`EksidContainer on Docker${docker ? '' : ' (skipped: no Docker engine answers `docker info`)'}`, () => {
  let eksid: StartedEksidContainer;
  let dir: string;

  beforeAll(async () => {
    ensureImage();
    eksid = await new EksidContainer().withConfig(DEMO_CONFIG).start();
    dir = await mkdtemp(join(tmpdir(), 'eksid-docker-'));
  }, 900_000);

  afterAll(async () => {
    await eksid?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('should answer health at the mapped endpoint', async () => {
    const res = await fetch(`${eksid.getEndpoint()}/_eksid/health`);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('should assume the IRSA role with the env irsaEnv returns', async () => {
    const tokenFile = join(dir, 'token');
    const env = await eksid.irsaEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'app', roleArn: 'arn:aws:iam::000000000000:role/demo-app', tokenFile });
    const credentials = await fromTokenFile({ roleArn: env['AWS_ROLE_ARN'], webIdentityTokenFile: tokenFile, clientConfig: { region: 'us-east-1', endpoint: eksid.getEndpoint() } })();
    expect(await callerArn(credentials, eksid.getEndpoint())).toMatch(/assumed-role\/demo-app\//);
  });

  it('should assume the Pod Identity role with the env podIdentityEnv returns', async () => {
    const env = await eksid.podIdentityEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', tokenFile: join(dir, 'eks-pod-identity-token') });
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    expect(await callerArn(await fromHttp({})(), eksid.getEndpoint())).toMatch(/assumed-role\/demo-pod-identity\//);
  });
});
