// Static checks of docker-compose.yml (no Docker engine here): it parses, what it builds and
// mounts exists, every eksid command line parses with the CLI's own definitions, the network
// gives the agent the address SDKs expect, and the demo "pods" get exactly the env the
// webhook's own code injects.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROBE_PORT } from '@eksid/agent';
import { DEFAULT_MUTATION_SETTINGS, resolvePodCredentials } from '@eksid/webhook';
import type { Json } from './support.js';
import { ROOT, parseEksidArgs, read, shellWords, yamlDocuments } from './support.js';

const compose = yamlDocuments(read('docker-compose.yml'))[0] as Json;
const services = compose['services'] as Record<string, Json>;
const service = (name: string): Json => {
  const s = services[name];
  if (s === undefined) throw new Error(`no service ${name}`);
  return s;
};
const demo = yamlDocuments(read('examples/demo.yaml'))[0] as Json;
const env = (name: string) => service(name)['environment'] as Record<string, string>;
/** A compose implementation that can validate the file against the compose spec offline. */
function composeCommand(): string[] | undefined {
  for (const command of [['docker', 'compose'], ['docker-compose']]) {
    const [bin = '', ...rest] = command;
    if (spawnSync(bin, [...rest, 'version'], { stdio: 'ignore' }).status === 0) return command;
  }
  return undefined;
}
const composeCli = composeCommand();
if (composeCli === undefined) console.warn('[deploy-compose.test] neither `docker compose` nor docker-compose is installed: the compose-spec validation is SKIPPED.');

const EKSID_IMAGE_SERVICES = Object.entries(services).filter(([, s]) => s['image'] === 'eksid:local').map(([n]) => n);

/** The `eksid ...` command lines of a one-shot shell script. */
function eksidLines(script: string): string[][] {
  return script
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('eksid '))
    .map((l) => shellWords(l).slice(1));
}

/** What the webhook injects for a pod (settings as deploy/kind/webhook.yaml passes them). */
function injected(mode: 'irsa' | 'pod-identity'): { env: Record<string, string>; file: string } {
  const credentials = resolvePodCredentials({
    serviceAccountAnnotations: mode === 'irsa' ? { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::000000000000:role/demo-app' } : {},
    podIdentityAssociation: mode === 'pod-identity',
    settings: { ...DEFAULT_MUTATION_SETTINGS, region: 'us-east-1', stsRegionalEndpoint: true },
    randomInt: () => 0,
  });
  if (credentials === undefined) throw new Error(`the webhook injects nothing for ${mode}`);
  return { env: Object.fromEntries(credentials.env.map((e) => [e.name, String(e.value)])), file: credentials.token.file };
}

describe('docker-compose.yml', () => {
  it.skipIf(composeCli === undefined)(`should pass \`compose config\` validation${composeCli === undefined ? ' (skipped: no compose CLI)' : ''}`, () => {
    const [bin = '', ...rest] = composeCli ?? [];
    const result = spawnSync(bin, [...rest, '-f', join(ROOT, 'docker-compose.yml'), 'config', '-q'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('should build eksid:local from deploy/Dockerfile with the repository as context', () => {
    expect(EKSID_IMAGE_SERVICES.sort()).toEqual(['agent', 'eksid', 'tokens']);
    for (const name of EKSID_IMAGE_SERVICES) {
      const build = service(name)['build'] as { context: string; dockerfile: string };
      expect(existsSync(join(ROOT, build.context, build.dockerfile)), `${name}: ${build.dockerfile}`).toBe(true);
      expect(build.context).toBe('.');
    }
  });

  it('should give eksid, the token minter and the agent one admin token, overridable from the shell', () => {
    const tokens = EKSID_IMAGE_SERVICES.map((name) => env(name)['EKSID_ADMIN_TOKEN']);
    expect(new Set(tokens)).toEqual(new Set(['${EKSID_ADMIN_TOKEN:-compose-demo-admin-token}']));
  });

  it('should run eksid on the CLI\'s default port, published on loopback (EKSID_PORT, default the same) and health-checked there', async () => {
    const eksid = service('eksid');
    const options = await parseEksidArgs(eksid['command'] as string[]);
    const port = (await parseEksidArgs(['up']))['port'];
    expect(options).toMatchObject({ host: '0.0.0.0', port, data: '/data', config: '/etc/eksid/demo.yaml', publicUrl: `http://eksid:${port}` });
    // The host side is EKSID_PORT (as for scripts/kind-up.sh), so compose can run beside `pnpm start`.
    expect(eksid['ports']).toEqual([`127.0.0.1:\${EKSID_PORT:-${port}}:${port}`]);
    expect(eksid['volumes']).toEqual(['eksid-data:/data']);
    expect(JSON.stringify(eksid['healthcheck'])).toContain(`http://127.0.0.1:${port}/_eksid/health`);
  });

  it('should give the agent 169.254.170.23 on a link-local network where nothing else can take it', async () => {
    const network = (compose['networks'] as Json)['eksid'] as { ipam: { config: Json[] } };
    expect(network.ipam.config).toEqual([{ subnet: '169.254.170.0/24', ip_range: '169.254.170.128/25', gateway: '169.254.170.1' }]);
    const agent = service('agent');
    expect(agent['networks']).toEqual({ eksid: { ipv4_address: '169.254.170.23' } });
    const options = await parseEksidArgs(agent['command'] as string[]);
    expect(options).toMatchObject({ cluster: 'demo', endpoint: 'http://eksid:4599', bind: ['169.254.170.23'], port: 80 });
    // Port 80 as the image's uid 1000.
    expect(agent['sysctls']).toEqual({ 'net.ipv4.ip_unprivileged_port_start': '0' });
    expect(env('agent')['EKSID_HEALTHCHECK_URL']).toBe(`http://127.0.0.1:${DEFAULT_PROBE_PORT}/healthz`);
    for (const [name, s] of Object.entries(services)) {
      if (name !== 'agent') expect(s['networks'], name).toEqual({ eksid: {} });
    }
  });

  it('should mint both tokens with commands the CLI accepts, as the service accounts the demo config sets up', async () => {
    const tokens = service('tokens');
    expect(tokens['entrypoint']).toEqual(['/bin/sh', '-c']);
    const lines = eksidLines((tokens['command'] as string[])[0] ?? '');
    expect(lines).toHaveLength(2);
    const [irsa, pod] = await Promise.all(lines.map((l) => parseEksidArgs(l)));
    expect(irsa).toMatchObject({ cluster: 'demo', namespace: 'default', serviceAccount: 'app', audience: ['sts.amazonaws.com'], out: '/tokens/token' });
    expect(pod).toMatchObject({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', audience: ['pods.eks.amazonaws.com'], out: '/tokens/eks-pod-identity-token' });
    expect(pod?.['pod']).toBeTruthy();
    // default/app carries the IRSA role annotation, default/pod-app has the association.
    const cluster = (demo['clusters'] as Json[]).find((c) => c['name'] === 'demo') as Json;
    const app = (cluster['serviceAccounts'] as Json[]).find((sa) => sa['namespace'] === 'default' && sa['name'] === 'app') as Json;
    expect((app['annotations'] as Json)['eks.amazonaws.com/role-arn']).toBe(env('demo-irsa')['AWS_ROLE_ARN']);
    expect(demo['podIdentityAssociations']).toContainEqual({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', role: 'demo-pod-identity' });
    expect(tokens['volumes']).toEqual(['tokens:/tokens']);
  });

  it.each([
    ['demo-irsa', 'irsa', 'token'],
    ['demo-pod-identity', 'pod-identity', 'eks-pod-identity-token'],
  ] as const)('should give %s exactly the env the webhook injects, the token where it says', (name, mode, file) => {
    const expected = injected(mode);
    const { AWS_ENDPOINT_URL, AWS_PAGER, ...rest } = env(name);
    expect(rest).toEqual(expected.env);
    expect(AWS_ENDPOINT_URL).toBe('http://eksid:4599');
    expect(AWS_PAGER).toBe('');
    expect(posix.basename(expected.file)).toBe(file);
    expect(service(name)['volumes']).toEqual([`tokens:${posix.dirname(expected.file)}:ro`]);
    expect(service(name)['image']).toMatch(/^amazon\/aws-cli:/);
    expect(service(name)['command']).toEqual(['sts', 'get-caller-identity', '--query', 'Arn', '--output', 'text']);
  });

  it('should point Pod Identity at the agent\'s address and IRSA at the demo role', () => {
    expect(env('demo-pod-identity')['AWS_CONTAINER_CREDENTIALS_FULL_URI']).toBe('http://169.254.170.23/v1/credentials');
    expect(env('demo-irsa')['AWS_ROLE_ARN']).toBe('arn:aws:iam::000000000000:role/demo-app');
  });

  it('should start each service only when what it needs is healthy or done', () => {
    const oneShots = new Set(['tokens']);
    const healthChecked = (name: string) => EKSID_IMAGE_SERVICES.includes(name) || service(name)['healthcheck'] !== undefined;
    const expectations: Record<string, Record<string, string>> = {
      tokens: { eksid: 'service_healthy' },
      agent: { eksid: 'service_healthy' },
      'demo-irsa': { eksid: 'service_healthy', tokens: 'service_completed_successfully' },
      'demo-pod-identity': { agent: 'service_healthy', tokens: 'service_completed_successfully' },
    };
    for (const [name, deps] of Object.entries(expectations)) {
      const dependsOn = service(name)['depends_on'] as Record<string, { condition: string }>;
      expect(Object.fromEntries(Object.entries(dependsOn).map(([d, v]) => [d, v.condition])), name).toEqual(deps);
      for (const [dep, condition] of Object.entries(deps)) {
        if (condition === 'service_healthy') expect(healthChecked(dep) && !oneShots.has(dep), `${dep} has no healthcheck`).toBe(true);
      }
    }
    expect(service('tokens')['healthcheck']).toEqual({ disable: true });
  });

  it('should declare every named volume it mounts', () => {
    const declared = Object.keys(compose['volumes'] as Json);
    const used = Object.values(services).flatMap((s) => ((s['volumes'] as string[] | undefined) ?? []).map((v) => v.split(':')[0] ?? ''));
    expect(new Set(used)).toEqual(new Set(declared));
  });
});
