// The docker-compose topology run as processes on "hosts" made of network namespaces:
//   server ns  `eksid up` on 10.237.23.1:4599 (its public URL, so token issuers name it)
//   node ns    the worker node: the agent on 169.254.170.23:80 (the address on pod-id-link0
//              as the real agent's `initialize` does, or on lo where there are no dummy links),
//              and the "pods", which reach the agent over the node's link-local address as
//              pods reach a hostNetwork agent
//   a veth pair 10.237.23.1/30 <-> 10.237.23.2/30 between them, and nothing else: no route
//   leaves these namespaces.
// Tokens are minted from the node by `eksid token --out` (like compose's `tokens` service);
// the pods get exactly the env the webhook's own code injects plus AWS_ENDPOINT_URL, and the
// unmodified aws CLI, boto3 and JS SDK v3 must print the assumed-role ARNs.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MUTATION_SETTINGS, resolvePodCredentials } from '@eksid/webhook';
import { CLI_ENTRY } from './support/eksid.js';
import { awsCliMissing, boto3Missing, warnIfMissing } from './support/clients.js';
import { NetnsTopology, listNetns, warnIfNoNetns, withoutProxies } from './support/netns.js';
import type { NsDaemon, NsRunResult } from './support/netns.js';

const SKIP = warnIfNoNetns('netns-topology (compose topology as processes)');

const SERVER_IP = '10.237.23.1';
const NODE_IP = '10.237.23.2';
const PORT = 4599;
const ENDPOINT = `http://${SERVER_IP}:${PORT}`;
const AGENT_ADDRESS = '169.254.170.23';
const POD_NAME = 'netns-pod';
const ACCOUNT = '000000000000';
const POD_IDENTITY_ARN = new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/demo-pod-identity/eks-demo-${POD_NAME}-[0-9a-f-]{36}$`);
const IRSA_ARN = new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/demo-app/[\\w+=,.@-]+$`);
const IRSA_ROLE = `arn:aws:iam::${ACCOUNT}:role/demo-app`;
const READY_MS = 40_000;

const stsModule = (() => {
  try {
    return createRequire(import.meta.url).resolve('@aws-sdk/client-sts');
  } catch {
    return undefined;
  }
})();
const stsMissing = stsModule === undefined ? '@aws-sdk/client-sts is not resolvable from e2e/' : undefined;

type Mode = 'irsa' | 'pod-identity';

/** What the webhook injects for a pod of `mode`, its projected token volume mounted at `mountPath`. */
function injected(mode: Mode, mountPath: string): { env: Record<string, string>; file: string; audience: string } {
  const credentials = resolvePodCredentials({
    serviceAccountAnnotations: mode === 'irsa' ? { 'eks.amazonaws.com/role-arn': IRSA_ROLE } : {},
    podIdentityAssociation: mode === 'pod-identity',
    settings: {
      ...DEFAULT_MUTATION_SETTINGS,
      region: 'us-east-1',
      stsRegionalEndpoint: true,
      tokenMountPath: mountPath,
      containerCredentials: { ...DEFAULT_MUTATION_SETTINGS.containerCredentials, mountPath },
    },
    randomInt: () => 0,
  });
  if (credentials?.mode !== mode) throw new Error(`the webhook does not inject ${mode}`);
  return { env: Object.fromEntries(credentials.env.map((e) => [e.name, String(e.value)])), file: credentials.token.file, audience: credentials.token.audience };
}

/** The host's environment without AWS settings or proxies, and a HOME with no ~/.aws. */
function baseEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(withoutProxies(process.env))) if (!k.startsWith('AWS_')) env[k] = v;
  return { ...env, HOME: home };
}

// Requests to the agent over its socket on 169.254.170.23:80 with a chosen Host header (fetch
// forbids setting Host; node:http does not), printed as JSON.
const AGENT_PROBE = `const http = require('node:http');
const fs = require('node:fs');
const [address, tokenFile, ...hosts] = process.argv.slice(1);
const token = fs.readFileSync(tokenFile, 'utf8');
const get = (host) => new Promise((resolve) => {
  const headers = { authorization: token };
  if (host !== '-') headers.host = host;
  const req = http.get({ host: address, port: 80, path: '/v1/credentials', headers, timeout: 5000 }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (d) => (body += d));
    res.on('end', () => resolve({ host, status: res.statusCode, type: res.headers['content-type'], body }));
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', (e) => resolve({ host, error: e.code || e.message }));
});
(async () => { const out = []; for (const h of hosts) out.push(await get(h)); console.log(JSON.stringify(out)); })();`;

interface ProbeResult {
  host: string;
  status?: number;
  type?: string;
  body?: string;
  error?: string;
}

describe.skipIf(SKIP)('compose topology as processes in network namespaces', () => {
  const topology = SKIP ? undefined : new NetnsTopology(['srv', 'node']);
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const pods = {} as Record<Mode, { env: NodeJS.ProcessEnv; injected: ReturnType<typeof injected> }>;
  let agentDevice = '';
  let server: NsDaemon | undefined;
  let agent: NsDaemon | undefined;

  const t = (): NetnsTopology => {
    if (topology === undefined) throw new Error('no topology');
    return topology;
  };
  const inPod = (mode: Mode, command: string, args: string[]): Promise<NsRunResult> => t().run('node', command, args, pods[mode].env, 25_000);
  const failure = (what: string, r: NsRunResult) =>
    `${what} exited ${r.code}: ${r.stderr.trim()}\n--- server ---\n${server?.output().trim() ?? ''}\n--- agent ---\n${agent?.output().trim() ?? ''}`;

  beforeAll(async () => {
    const topo = t();
    topo.addNamespace('srv');
    topo.addNamespace('node');
    topo.connect({ role: 'srv', address: SERVER_IP }, { role: 'node', address: NODE_IP });
    agentDevice = topo.addLocalAddress('node', `${AGENT_ADDRESS}/32`);

    // One admin token for the server, the agent's reports and `eksid token`, as compose shares it.
    const daemonEnv = { ...baseEnv(tempDir('eksid-netns-home-')), NODE_ENV: 'production', EKSID_ADMIN_TOKEN: randomBytes(32).toString('base64url') };
    const node = (args: string[]) => [CLI_ENTRY, ...args];
    server = topo.spawn('srv', 'eksid up', process.execPath, node([
      'up', '--host', SERVER_IP, '--port', String(PORT), '--public-url', ENDPOINT,
      '--data', tempDir('eksid-netns-data-'), '--config', 'examples/demo.yaml', '--log-level', 'warn',
    ]), daemonEnv);
    agent = topo.spawn('node', 'eksid agent', process.execPath, node([
      'agent', '--cluster', 'demo', '--endpoint', ENDPOINT, '--bind', AGENT_ADDRESS, '--port', '80', '--log-level', 'warn',
    ]), { ...daemonEnv, AWS_REGION: 'us-east-1' });
    await Promise.all([server.waitFor(/^eksid ready at /m, READY_MS), agent.waitFor(/^eksid agent ready at /m, READY_MS)]);

    // The kubelet's part: project each service account's token where the webhook says it is,
    // minted from the node over the veth (as compose's `tokens` service does).
    const sa: Record<Mode, string> = { irsa: 'app', 'pod-identity': 'pod-app' };
    await Promise.all((['irsa', 'pod-identity'] as const).map(async (mode) => {
      const home = tempDir('eksid-netns-pod-');
      const pod = injected(mode, join(home, 'serviceaccount'));
      mkdirSync(dirname(pod.file), { recursive: true });
      const mint = await topo.run('node', process.execPath, node([
        'token', '--endpoint', ENDPOINT, '--cluster', 'demo', '--namespace', 'default', '--service-account', sa[mode],
        '--audience', pod.audience, '--pod', POD_NAME, '--out', pod.file,
      ]), daemonEnv, 20_000);
      if (mint.code !== 0) throw new Error(failure(`eksid token (${mode})`, mint));
      pods[mode] = { injected: pod, env: { ...baseEnv(home), ...pod.env, AWS_ENDPOINT_URL: ENDPOINT, AWS_PAGER: '' } };
    }));
  }, 55_000);

  afterAll(async () => {
    await topology?.destroy();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    const left = topology ? Object.values(topology.namespaces) : [];
    expect(listNetns().filter((name) => left.includes(name))).toEqual([]);
  }, 20_000);

  it('should give the pods exactly the env the webhook injects, the token as kubelet writes it', () => {
    const pod = pods['pod-identity'];
    expect(pod.env['AWS_CONTAINER_CREDENTIALS_FULL_URI']).toBe('http://169.254.170.23/v1/credentials');
    expect(pod.env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']).toBe(pod.injected.file);
    expect(pod.injected.audience).toBe('pods.eks.amazonaws.com');
    expect(pods.irsa.env['AWS_ROLE_ARN']).toBe(IRSA_ROLE);
    expect(pods.irsa.env['AWS_WEB_IDENTITY_TOKEN_FILE']).toBe(pods.irsa.injected.file);
    for (const mode of ['irsa', 'pod-identity'] as const) {
      const { env, injected: inj } = pods[mode];
      const aws = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('AWS_')));
      expect(aws).toEqual({ ...inj.env, AWS_ENDPOINT_URL: ENDPOINT, AWS_PAGER: '' });
      const token = readFileSync(inj.file, 'utf8');
      expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
      expect(claims).toMatchObject({ aud: [inj.audience], iss: expect.stringMatching(new RegExp(`^${ENDPOINT}/`)), 'kubernetes.io': { pod: { name: POD_NAME } } });
    }
    // Which link holds the agent's address: pod-id-link0 like the real agent, or lo.
    expect(['pod-id-link0', 'lo']).toContain(agentDevice);
  });

  describe('EKS Pod Identity through the agent at 169.254.170.23:80', () => {
    it.skipIf(warnIfMissing('aws CLI', awsCliMissing))('should make `aws sts get-caller-identity` print the demo-pod-identity session', async () => {
      const r = await inPod('pod-identity', 'aws', ['sts', 'get-caller-identity', '--query', 'Arn', '--output', 'text']);
      expect(r.code, failure('aws', r)).toBe(0);
      expect(r.stdout.trim()).toMatch(POD_IDENTITY_ARN);
    });

    it.skipIf(warnIfMissing('boto3', boto3Missing))("should serve boto3's container provider", async () => {
      const r = await inPod('pod-identity', 'python3', ['-c', "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])"]);
      expect(r.code, failure('boto3', r)).toBe(0);
      expect(r.stdout.trim()).toMatch(POD_IDENTITY_ARN);
    });

    it.skipIf(warnIfMissing('@aws-sdk/client-sts', stsMissing))("should serve the JS SDK v3's default chain (fromHttp)", async () => {
      const r = await inPod('pod-identity', process.execPath, ['-e', jsCallerIdentity()]);
      expect(r.code, failure('node', r)).toBe(0);
      expect(r.stdout.trim()).toMatch(POD_IDENTITY_ARN);
    });

    it('should refuse a request that names the agent by a non-link-local address (Host check, 403)', async () => {
      const r = await inPod('pod-identity', process.execPath, ['-e', AGENT_PROBE, AGENT_ADDRESS, pods['pod-identity'].injected.file, NODE_IP, `localhost:80`, '-']);
      expect(r.code, failure('agent probe', r)).toBe(0);
      const [byNodeIp, byLocalhost, byLinkLocal] = JSON.parse(r.stdout) as ProbeResult[];
      const refused = (host: string) => ({
        status: 403,
        type: 'text/plain; charset=utf-8',
        body: `Access Denied. Called agent through invalid address, please use either [169.254.170.23 fd00:ec2::23] address not ${host}\n`,
      });
      expect(byNodeIp).toMatchObject(refused(NODE_IP));
      expect(byLocalhost).toMatchObject(refused('localhost'));
      // The same socket with the address SDKs use still serves this pod.
      expect(byLinkLocal).toMatchObject({ status: 200, type: expect.stringMatching(/^application\/json/) });
      expect(Object.keys(JSON.parse(byLinkLocal?.body ?? '{}') as object).sort()).toEqual(['AccessKeyId', 'AccountId', 'Expiration', 'SecretAccessKey', 'Token']);
    });

    it("should keep the agent's address on the node: the server host has no route to it", async () => {
      const script = `require('node:net').connect({ host: '${AGENT_ADDRESS}', port: 80, timeout: 3000 })
  .on('connect', () => { console.log('connected'); process.exit(0); })
  .on('timeout', () => { console.log('timeout'); process.exit(0); })
  .on('error', (e) => { console.log(e.code); process.exit(0); });`;
      const r = await t().run('srv', process.execPath, ['-e', script], baseEnv(tmpdir()), 10_000);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('ENETUNREACH');
    });
  });

  describe('IRSA against the server across the veth', () => {
    it.skipIf(warnIfMissing('aws CLI', awsCliMissing))('should make `aws sts get-caller-identity` print the demo-app session', async () => {
      const r = await inPod('irsa', 'aws', ['sts', 'get-caller-identity', '--query', 'Arn', '--output', 'text']);
      expect(r.code, failure('aws', r)).toBe(0);
      expect(r.stdout.trim()).toMatch(IRSA_ARN);
    });

    it.skipIf(warnIfMissing('boto3', boto3Missing))("should serve boto3's web-identity provider", async () => {
      const r = await inPod('irsa', 'python3', ['-c', "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])"]);
      expect(r.code, failure('boto3', r)).toBe(0);
      expect(r.stdout.trim()).toMatch(IRSA_ARN);
    });

    it.skipIf(warnIfMissing('@aws-sdk/client-sts', stsMissing))("should serve the JS SDK v3's default chain (fromTokenFile)", async () => {
      const r = await inPod('irsa', process.execPath, ['-e', jsCallerIdentity()]);
      expect(r.code, failure('node', r)).toBe(0);
      expect(r.stdout.trim()).toMatch(IRSA_ARN);
    });
  });
});

function jsCallerIdentity(): string {
  return `const { STSClient, GetCallerIdentityCommand } = require(${JSON.stringify(stsModule)});
new STSClient({}).send(new GetCallerIdentityCommand({})).then((r) => console.log(r.Arn), (e) => { console.error(e); process.exit(1); });`;
}

