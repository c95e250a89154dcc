// Unit tests of the module with the container start mocked at the testcontainers boundary
// ONLY: GenericContainer.prototype.start is replaced by a fake started container whose host
// and mapped port lead to a real eksid (the server's startEksidServer, in process, with the
// demo config). Everything above that boundary is real: token minting over HTTP, token files,
// the in-process Pod Identity agent, and the AWS SDK's credential providers.
// The same module against a real Docker engine: eksid-container.docker.test.ts.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromHttp, fromTokenFile } from '@aws-sdk/credential-providers';
import { startEksidServer } from '@eksid/server';
import type { RunningEksidServer } from '@eksid/server';
import { pino } from 'pino';
import { GenericContainer } from 'testcontainers';
import type { StartedNetwork, StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { EKSID_PORT, EksidContainer, StartedEksidContainer } from './index.js';

// Where the container runtime says containers are reached (getHost()); each test may move it.
const runtime = vi.hoisted(() => ({ host: 'localhost' }));
vi.mock('testcontainers', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getContainerRuntimeClient: async () => ({ info: { containerRuntime: { host: runtime.host } } }),
}));

const DEMO_CONFIG = new URL('../../../examples/demo.yaml', import.meta.url).pathname;

interface Captured {
  image: string;
  cmd: string[];
  files: { source: string; target: string; mode?: number }[];
  env: Record<string, string>;
  networkMode: string | undefined;
  aliases: string[];
}

let eksid: RunningEksidServer;
let dir: string;

beforeAll(async () => {
  const config: unknown = parse(readFileSync(DEMO_CONFIG, 'utf8'));
  eksid = await startEksidServer({ port: 0, host: '127.0.0.1', data: ':memory:', config }, pino({ level: 'silent' }));
  dir = await mkdtemp(join(tmpdir(), 'eksid-testcontainers-'));
});

afterAll(async () => {
  await eksid.close();
  await rm(dir, { recursive: true, force: true });
});

/** Replaces the Docker start with a fake started container in front of the in-process eksid. */
function mockStart(): { captured: Captured[]; stopped: () => number } {
  const captured: Captured[] = [];
  let stops = 0;
  const port = Number(new URL(eksid.listenUrl).port);
  vi.spyOn(GenericContainer.prototype, 'start').mockImplementation(async function (this: GenericContainer) {
    const self = this as unknown as {
      imageName: { string: string };
      createOpts: { Cmd?: string[] };
      filesToCopy: Captured['files'];
      environment: Record<string, string>;
      networkMode?: string;
      networkAliases: string[];
    };
    captured.push({ image: self.imageName.string, cmd: self.createOpts.Cmd ?? [], files: self.filesToCopy, env: { ...self.environment }, networkMode: self.networkMode, aliases: [...self.networkAliases] });
    // The container's eksid would take its token from this environment; the in-process one is told.
    eksid.ctx.adminToken = self.environment['EKSID_ADMIN_TOKEN'] ?? '';
    const fake: Partial<StartedTestContainer> = {
      getHost: () => '127.0.0.1',
      getMappedPort: ((p: number) => {
        if (p !== EKSID_PORT) throw new Error(`port ${p} is not exposed`);
        return port;
      }) as StartedTestContainer['getMappedPort'],
      stop: async () => {
        stops += 1;
        return {} as Awaited<ReturnType<StartedTestContainer['stop']>>;
      },
    };
    return fake as StartedTestContainer;
  });
  return { captured, stopped: () => stops };
}

type Credentials = Awaited<ReturnType<ReturnType<typeof fromHttp>>>;

async function callerArn(credentials: Credentials, endpoint: string): Promise<string | undefined> {
  const sts = new STSClient({ region: 'us-east-1', endpoint, credentials });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

function claims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('EksidContainer', () => {
  it('should start `eksid up` on 0.0.0.0:4599 with a throwaway store and the region', async () => {
    const { captured } = mockStart();
    const started = await new EksidContainer().withRegion('eu-west-1').start();
    expect(started).toBeInstanceOf(StartedEksidContainer);
    expect(captured[0]?.image).toBe('eksid:local');
    expect(captured[0]?.cmd).toEqual(['up', '--host', '0.0.0.0', '--port', '4599', '--data', ':memory:', '--public-url', 'http://eksid:4599', '--region', 'eu-west-1']);
  });

  it('should start with --strict-signatures and give eksid the root key pair the test process signs with', async () => {
    const { captured } = mockStart();
    const root = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    const started = await new EksidContainer().withStrictSignatures(root).start();
    expect(captured[0]?.cmd).toContain('--strict-signatures');
    expect(captured[0]?.env).toMatchObject({ EKSID_ROOT_ACCESS_KEY_ID: root.accessKeyId, EKSID_ROOT_SECRET_ACCESS_KEY: root.secretAccessKey });
    expect(started.getRootCredentials()).toEqual(root);
  });

  it('should make up an AWS-shaped root key pair when given none, and have none without strict signatures', async () => {
    mockStart();
    const made = (await new EksidContainer().withStrictSignatures().start()).getRootCredentials();
    expect(made.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(made.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(() => new StartedEksidContainer({} as StartedTestContainer, { region: 'us-east-1', adminToken: 'token', publicUrl: 'http://eksid:4599' }).getRootCredentials()).toThrow(
      'getRootCredentials: the container was not started withStrictSignatures(); any access key works',
    );
  });

  it('should allow the Host the runtime reaches containers at, and the names given, unless eksid answers them anyway', async () => {
    const { captured } = mockStart();
    runtime.host = '172.17.0.1';
    try {
      await new EksidContainer().withAllowedHosts('eksid', 'eksid-b', 'localhost').start();
    } finally {
      runtime.host = 'localhost';
    }
    expect(captured[0]?.cmd.slice(-5)).toEqual(['us-east-1', '--allowed-host', '172.17.0.1', '--allowed-host', 'eksid-b']);
  });

  it('should give the container a fresh admin token in its environment, never on its command line, or the one chosen', async () => {
    const { captured } = mockStart();
    const first = await new EksidContainer().start();
    const second = await new EksidContainer().start();
    const chosen = await new EksidContainer().withAdminToken('chosen').start();
    expect(first.getAdminToken()).toMatch(/^[\w-]{43}$/);
    expect(second.getAdminToken()).not.toBe(first.getAdminToken());
    expect(captured.map((c) => c.env['EKSID_ADMIN_TOKEN'])).toEqual([first.getAdminToken(), second.getAdminToken(), 'chosen']);
    expect(chosen.getAdminToken()).toBe('chosen');
    expect(captured.flatMap((c) => c.cmd).join(' ')).not.toContain('chosen');
  });

  // What docker-compose.yml and the module agree on: other containers reach eksid, and fetch
  // its issuers' keys, at the public URL's host, so it must be a name they resolve.
  it.each([
    { case: 'no network: eksid, an identifier only', network: undefined, aliases: [], publicUrl: 'http://eksid:4599', after: [] },
    { case: 'a network and no alias: eksid, added as an alias', network: 'tc-net', aliases: [], publicUrl: 'http://eksid:4599', after: ['eksid'] },
    { case: 'a network and aliases: the first', network: 'tc-net', aliases: ['idp', 'sts'], publicUrl: 'http://idp:4599', after: ['idp', 'sts'] },
    { case: "Docker's bridge, where aliases do not exist: none added", network: 'bridge', aliases: [], publicUrl: 'http://eksid:4599', after: [] },
  ])('should derive the public URL from the network: $case', async ({ network, aliases, publicUrl, after }) => {
    const { captured } = mockStart();
    const container = new EksidContainer().withNetworkAliases(...aliases);
    if (network !== undefined) container.withNetwork({ getName: () => network } as StartedNetwork);
    const started = await container.start();
    expect(captured[0]?.cmd.slice(7, 9)).toEqual(['--public-url', publicUrl]);
    expect(captured[0]?.aliases).toEqual(after);
    expect(started.getPublicUrl()).toBe(publicUrl);
  });

  it('should answer to every alias, the first in the public URL and the others as allowed hosts', async () => {
    const { captured } = mockStart();
    await new EksidContainer().withNetwork({ getName: () => 'tc-net' } as StartedNetwork).withNetworkAliases('idp', 'sts', 'localhost').start();
    expect(captured[0]?.cmd.slice(-4)).toEqual(['--region', 'us-east-1', '--allowed-host', 'sts']);
  });

  it('should copy the config file in and pass it to --config, keeping its extension', async () => {
    const { captured } = mockStart();
    await new EksidContainer('registry.example/eksid:1').withConfig(DEMO_CONFIG).start();
    expect(captured[0]?.image).toBe('registry.example/eksid:1');
    expect(captured[0]?.files).toEqual([{ source: DEMO_CONFIG, target: '/etc/eksid/config.yaml', mode: 0o644 }]);
    expect(captured[0]?.cmd.slice(-2)).toEqual(['--config', '/etc/eksid/config.yaml']);
  });
});

describe('StartedEksidContainer', () => {
  it('should give the connection URI at the mapped port, as LocalStack does, getEndpoint() the same', async () => {
    mockStart();
    const started = await new EksidContainer().withRegion('eu-west-1').start();
    const port = Number(new URL(eksid.listenUrl).port);
    expect(started.getPort()).toBe(port);
    expect(started.getConnectionUri()).toBe(`http://127.0.0.1:${port}`);
    expect(started.getEndpoint()).toBe(started.getConnectionUri());
    expect(started.getRegion()).toBe('eu-west-1');
  });

  it('should mint a token signed for the cluster, audience sts.amazonaws.com by default', async () => {
    mockStart();
    const started = await new EksidContainer().start();
    const token = await started.mintToken({ cluster: 'demo', namespace: 'default', serviceAccount: 'app' });
    expect(claims(token)).toMatchObject({ sub: 'system:serviceaccount:default:app', aud: ['sts.amazonaws.com'] });
    expect(String(claims(token)['iss'])).toMatch(/\/id\/[0-9A-F]{32}$/);
  });

  it('should reject a token for an unknown cluster with eksid\'s message', async () => {
    mockStart();
    const started = await new EksidContainer().start();
    await expect(started.mintToken({ cluster: 'nope', namespace: 'default', serviceAccount: 'app' })).rejects.toThrow(/^eksid token: 404 .*nope/);
  });

  it('should write an IRSA token file as kubelet does and return env the SDK assumes the role with', async () => {
    mockStart();
    const started = await new EksidContainer().start();
    const tokenFile = join(dir, 'irsa', 'token');
    const env = await started.irsaEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'app', roleArn: 'arn:aws:iam::000000000000:role/demo-app', tokenFile });
    expect(env).toEqual({
      AWS_STS_REGIONAL_ENDPOINTS: 'regional',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: started.getEndpoint(),
      AWS_ROLE_ARN: 'arn:aws:iam::000000000000:role/demo-app',
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
    });
    const token = await readFile(tokenFile, 'utf8');
    expect(token).not.toMatch(/\n/);
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    const credentials = await fromTokenFile({ roleArn: env['AWS_ROLE_ARN'], webIdentityTokenFile: tokenFile, clientConfig: { region: 'us-east-1', endpoint: env['AWS_ENDPOINT_URL'] } })();
    expect(await callerArn(credentials, started.getEndpoint())).toMatch(/^arn:aws:sts::000000000000:assumed-role\/demo-app\//);
  });

  it('should write a Pod Identity token and return env whose agent hands out the associated role', async () => {
    const { stopped } = mockStart();
    const started = await new EksidContainer().start();
    const tokenFile = join(dir, 'pod-identity', 'eks-pod-identity-token');
    const env = await started.podIdentityEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', tokenFile });
    expect(env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']).toBe(tokenFile);
    expect(env['AWS_CONTAINER_CREDENTIALS_FULL_URI']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/credentials$/);
    expect(claims(await readFile(tokenFile, 'utf8'))).toMatchObject({ aud: ['pods.eks.amazonaws.com'], sub: 'system:serviceaccount:default:pod-app' });
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const credentials = await fromHttp({})();
    expect(await callerArn(credentials, started.getEndpoint())).toMatch(/^arn:aws:sts::000000000000:assumed-role\/demo-pod-identity\//);
    await started.stop();
    expect(stopped()).toBe(1);
    // The agent stops with the container.
    await expect(fetch(env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '')).rejects.toThrow();
  });
});
