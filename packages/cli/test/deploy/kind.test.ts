// Static checks of deploy/kind (no Docker engine or cluster here): the kind config as
// scripts/kind-up.sh renders it points kube-apiserver at the files `eksid keys export` writes
// and at an issuer URL of the right shape; a token signed the way kube-apiserver signs with
// those files is accepted by eksid's STS and EKS Auth; every manifest validates against the
// Kubernetes OpenAPI schema; and the manifests agree with each other, the script and the CLI.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROBE_PORT } from '@eksid/agent';
import { parseWebhookFlags } from '@eksid/webhook';
import type { Json } from './support.js';
import { ROOT, bashFunction, bashVariable, parseEksidArgs, read, validateManifest, yamlDocuments } from './support.js';
import { run } from '../../src/program.js';
import { startTestServer } from '../../src/test-support.js';

const SCRIPT = 'scripts/kind-up.sh';
const PUBLIC_URL = bashVariable(SCRIPT, 'PUBLIC_URL');
const CA_BUNDLE = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');
const MANIFESTS = readdirSync(join(ROOT, 'deploy/kind')).filter((f) => f.endsWith('.yaml') && f !== 'cluster.yaml');

/** Every manifest document, rendered as kind-up.sh renders it. */
function manifests(file: string): Json[] {
  const text = file === 'webhook.yaml' ? bashFunction(SCRIPT, 'render_webhook', CA_BUNDLE) : read(`deploy/kind/${file}`);
  expect(text, `${file} has an unrendered placeholder`).not.toMatch(/@[A-Z_]+@/);
  return yamlDocuments(text);
}
const all = MANIFESTS.flatMap((f) => manifests(f));
const find = (kind: string, name: string): Json => {
  const doc = all.find((d) => d['kind'] === kind && (d['metadata'] as Json)['name'] === name);
  if (doc === undefined) throw new Error(`no ${kind} ${name} in deploy/kind`);
  return doc;
};
type Container = { name: string; image: string; imagePullPolicy?: string; args?: string[]; command?: string[]; env?: { name: string; value: string }[]; ports?: { name?: string; containerPort: number }[]; livenessProbe?: Json; readinessProbe?: Json; securityContext?: Json; volumeMounts?: { name: string; mountPath: string }[] };
const podSpec = (doc: Json): Json => (doc['kind'] === 'Pod' ? (doc['spec'] as Json) : ((doc['spec'] as Json)['template'] as Json)['spec'] as Json);
const containers = (doc: Json): Container[] => podSpec(doc)['containers'] as Container[];

let eksid: Awaited<ReturnType<typeof startTestServer>>;
let issuer: string;
let keysDir: string;
let written: string[];

beforeAll(async () => {
  // `eksid up` in process, with the public URL kind-up.sh gives the container.
  eksid = await startTestServer(join(ROOT, 'examples/demo.yaml'), { publicUrl: PUBLIC_URL });
  issuer = ((await (await fetch(`${eksid.listenUrl}/clusters/demo`)).json()) as { cluster: { identity: { oidc: { issuer: string } } } }).cluster.identity.oidc.issuer;
  keysDir = mkdtempSync(join(tmpdir(), 'eksid-kind-keys-'));
  // What kind-up.sh runs in the container, through the CLI's own entry.
  const errors: string[] = [];
  const io = { stdout: () => {}, stderr: (t: string) => void errors.push(t), env: { EKSID_ADMIN_TOKEN: eksid.ctx.adminToken }, stopSignal: () => new Promise<string>(() => {}) };
  const code = await run(['keys', 'export', '--cluster', 'demo', '--out', keysDir, '--endpoint', eksid.listenUrl], io);
  expect([code, errors]).toEqual([0, []]);
  written = readdirSync(keysDir).sort();
});

afterAll(async () => {
  await eksid?.close();
  if (keysDir) rmSync(keysDir, { recursive: true, force: true });
});

describe('deploy/kind/cluster.yaml', () => {
  let renderedConfig: Json | undefined;
  const rendered = (): Json => (renderedConfig ??= yamlDocuments(bashFunction(SCRIPT, 'render_kind_config', issuer, keysDir))[0] as Json);
  const patch = () => yamlDocuments(String((rendered()['kubeadmConfigPatches'] as string[])[0]))[0] as Json;
  const args = (component: string) => (patch()[component] as Json)['extraArgs'] as Record<string, string>;

  it('should render the issuer URL eksid serves, of the EKS shape <public-url>/id/<32 hex>', () => {
    expect(issuer).toMatch(new RegExp(`^${PUBLIC_URL}/id/[0-9A-F]{32}$`));
    expect(args('apiServer')['service-account-issuer']).toBe(issuer);
    expect(args('apiServer')['api-audiences']?.split(',')).toEqual([issuer, 'sts.amazonaws.com', 'pods.eks.amazonaws.com']);
  });

  it('should name exactly the files `eksid keys export --out` writes, in the mounted directory', () => {
    expect(written).toEqual(['sa.key', 'sa.pub']);
    const cluster = rendered();
    expect(cluster).toMatchObject({ kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', name: bashVariable(SCRIPT, 'CLUSTER') });
    const mounts = ((cluster['nodes'] as Json[])[0] as Json)['extraMounts'] as Json[];
    expect(mounts).toEqual([{ hostPath: keysDir, containerPath: '/etc/kubernetes/eksid', readOnly: true }]);
    const files = [args('apiServer')['service-account-signing-key-file'], args('apiServer')['service-account-key-file'], args('controllerManager')['service-account-private-key-file']];
    expect(files.map((f) => posix.dirname(f ?? ''))).toEqual(['/etc/kubernetes/eksid', '/etc/kubernetes/eksid', '/etc/kubernetes/eksid']);
    expect(files.map((f) => posix.basename(f ?? ''))).toEqual(['sa.key', 'sa.pub', 'sa.key']);
    for (const component of ['apiServer', 'controllerManager']) {
      expect((patch()[component] as Json)['extraVolumes'], component).toEqual([{ name: 'eksid-keys', hostPath: '/etc/kubernetes/eksid', mountPath: '/etc/kubernetes/eksid', readOnly: true, pathType: 'Directory' }]);
    }
  });

  it('should patch ClusterConfiguration whichever kubeadm API kind generates: no apiVersion, extraArgs as maps', () => {
    expect(patch()['kind']).toBe('ClusterConfiguration');
    expect(patch()).not.toHaveProperty('apiVersion');
    for (const component of ['apiServer', 'controllerManager']) {
      const extra = args(component);
      expect(Array.isArray(extra), component).toBe(false);
      for (const value of Object.values(extra)) expect(typeof value).toBe('string');
    }
    expect(bashVariable(SCRIPT, 'KIND_NODE_IMAGE')).toMatch(/^kindest\/node:v1\.\d+\.\d+$/);
  });

  it('should export key files kube-apiserver reads: PKCS#8 private key, SPKI public key, one pair', () => {
    const key = readFileSync(join(keysDir, 'sa.key'), 'utf8');
    const pub = readFileSync(join(keysDir, 'sa.pub'), 'utf8');
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(pub).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(createPublicKey(createPrivateKey(key)).export({ type: 'spki', format: 'pem' })).toBe(pub);
  });

  it('should make tokens signed as kube-apiserver signs with those files valid in eksid\'s STS and EKS Auth', async () => {
    // kube-apiserver's kid: base64url(sha256(SPKI DER)) (pkg/serviceaccount/jwt.go keyIDFromPublicKey).
    const kid = createHash('sha256').update(createPublicKey(readFileSync(join(keysDir, 'sa.pub'))).export({ type: 'spki', format: 'der' })).digest('base64url');
    const key = createPrivateKey(readFileSync(join(keysDir, 'sa.key')));
    const kubeToken = (audience: string, sa: string, pod: string) =>
      new SignJWT({ 'kubernetes.io': { namespace: 'default', serviceaccount: { name: sa, uid: '6f0b4e4c-1d2e-4b7a-9a1c-000000000001' }, pod: { name: pod, uid: '6f0b4e4c-1d2e-4b7a-9a1c-000000000002' } } })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(issuer)
        .setSubject(`system:serviceaccount:default:${sa}`)
        .setAudience([audience])
        .setIssuedAt()
        .setNotBefore('0s')
        .setExpirationTime('1h')
        .setJti('7a0d3c2e-0000-4000-8000-000000000003')
        .sign(key);
    const sts = new STSClient({ region: 'us-east-1', endpoint: eksid.listenUrl, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const irsa = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: 'arn:aws:iam::000000000000:role/demo-app', RoleSessionName: 'kind', WebIdentityToken: await kubeToken('sts.amazonaws.com', 'app', 'demo') }));
    sts.destroy();
    expect(irsa.AssumedRoleUser?.Arn).toBe('arn:aws:sts::000000000000:assumed-role/demo-app/kind');
    const res = await fetch(`${eksid.listenUrl}/clusters/demo/assume-role-for-pod-identity`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: await kubeToken('pods.eks.amazonaws.com', 'pod-app', 'demo-pod-identity') }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { assumedRoleUser: { arn: string } }).assumedRoleUser.arn).toMatch(/^arn:aws:sts::000000000000:assumed-role\/demo-pod-identity\/eks-demo-/);
  });
});

describe('deploy/kind manifests', () => {
  it.each(MANIFESTS)('%s should validate against the Kubernetes OpenAPI schemas', (file) => {
    const docs = manifests(file);
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(() => validateManifest(doc), `${String(doc['kind'])} ${String((doc['metadata'] as Json)['name'])}`).not.toThrow();
  });

  it('should run the webhook with upstream flags that parse and agree with its Service, certificate and eksid', () => {
    const deployment = find('Deployment', 'pod-identity-webhook');
    const [webhook] = containers(deployment);
    expect(webhook?.args?.[0]).toBe('webhook');
    const config = parseWebhookFlags(webhook?.args?.slice(1) ?? []);
    expect(config).toMatchObject({ inCluster: true, namespace: 'eksid-system', serviceName: 'pod-identity-webhook', eksidEndpoint: PUBLIC_URL, cluster: 'demo' });
    expect(config.mutation).toMatchObject({ region: 'us-east-1', stsRegionalEndpoint: true, annotationPrefix: 'eks.amazonaws.com', tokenAudience: 'sts.amazonaws.com' });
    const service = find('Service', config.serviceName);
    expect((service['metadata'] as Json)['namespace']).toBe(config.namespace);
    const port = webhook?.ports?.find((p) => p.name === 'https');
    expect(port?.containerPort).toBe(config.port);
    expect(((service['spec'] as Json)['ports'] as Json[])[0]).toEqual({ name: 'https', port: 443, targetPort: 'https' });
    expect((service['spec'] as Json)['selector']).toEqual(((deployment['spec'] as Json)['selector'] as Json)['matchLabels']);
    // TLS files come from the Secret kind-up.sh creates, mounted where the flags look.
    const certs = webhook?.volumeMounts?.find((m) => m.name === 'certs');
    expect([config.tlsCert, config.tlsKey]).toEqual([`${certs?.mountPath}/tls.crt`, `${certs?.mountPath}/tls.key`]);
    const secret = ((podSpec(deployment)['volumes'] as Json[]).find((v) => v['name'] === 'certs') as Json)['secret'] as Json;
    expect(read(SCRIPT)).toContain(`create secret tls ${String(secret['secretName'])}`);
    expect(read(SCRIPT)).toContain(`eksid webhook-certs --out /tmp/webhook-certs --service-name ${config.serviceName} --namespace ${config.namespace}`);
    const mwc = find('MutatingWebhookConfiguration', 'pod-identity-webhook');
    const hook = (mwc['webhooks'] as Json[])[0] as Json;
    expect((hook['clientConfig'] as Json)['service']).toEqual({ name: config.serviceName, namespace: config.namespace, path: '/mutate' });
    expect((hook['clientConfig'] as Json)['caBundle']).toBe(CA_BUNDLE);
  });

  it('should let the webhook get, list and watch service accounts and nothing else', () => {
    const role = find('ClusterRole', 'eksid-pod-identity-webhook');
    expect(role['rules']).toEqual([{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list', 'watch'] }]);
    const binding = find('ClusterRoleBinding', 'eksid-pod-identity-webhook');
    expect(binding['roleRef']).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'eksid-pod-identity-webhook' });
    const sa = podSpec(find('Deployment', 'pod-identity-webhook'))['serviceAccountName'];
    expect(binding['subjects']).toEqual([{ kind: 'ServiceAccount', name: sa, namespace: 'eksid-system' }]);
    find('ServiceAccount', String(sa));
  });

  it('should run the agent on the host network at 169.254.170.23:80, added by an init step like the real agent\'s', async () => {
    const ds = find('DaemonSet', 'eks-pod-identity-agent');
    expect(podSpec(ds)['hostNetwork']).toBe(true);
    const [init] = podSpec(ds)['initContainers'] as Container[];
    const script = init?.command?.join(' ') ?? '';
    expect(script).toContain('ip link add pod-id-link0 type dummy');
    expect(script).toContain('ip addr replace 169.254.170.23/32 dev pod-id-link0');
    expect((init?.securityContext?.['capabilities'] as Json)['add']).toEqual(['NET_ADMIN']);
    const [agent] = containers(ds);
    expect(await parseEksidArgs(agent?.args ?? [])).toMatchObject({ cluster: 'demo', endpoint: PUBLIC_URL, bind: ['169.254.170.23'], port: 80 });
    expect((agent?.securityContext?.['capabilities'] as Json)['add']).toEqual(['NET_BIND_SERVICE']);
    for (const probe of [agent?.livenessProbe, agent?.readinessProbe]) expect((probe as Json)['httpGet']).toMatchObject({ host: '127.0.0.1', port: DEFAULT_PROBE_PORT });
  });

  it('should run eksid images that kind-up.sh loads, and point the demo pods at eksid', () => {
    const image = bashVariable(SCRIPT, 'EKSID_IMAGE');
    for (const doc of all.filter((d) => ['Deployment', 'DaemonSet'].includes(String(d['kind'])))) {
      for (const c of [...containers(doc), ...((podSpec(doc)['initContainers'] as Container[] | undefined) ?? [])]) {
        expect([c.image, c.imagePullPolicy], c.name).toEqual([image, 'Never']);
      }
    }
    for (const name of ['demo', 'demo-pod-identity']) {
      const [aws] = containers(find('Pod', name));
      expect(aws?.env).toEqual([{ name: 'AWS_ENDPOINT_URL', value: PUBLIC_URL }]);
      expect(aws?.image).toMatch(/^amazon\/aws-cli:/);
      expect(read(SCRIPT)).toContain(`exec ${name} -- aws sts get-caller-identity`);
    }
  });

  it('should give the demo pods service accounts the demo config gives an IRSA role and an association', () => {
    const demo = yamlDocuments(read('examples/demo.yaml'))[0] as Json;
    const cluster = (demo['clusters'] as Json[]).find((c) => c['name'] === 'demo') as Json;
    const app = (cluster['serviceAccounts'] as Json[]).find((sa) => sa['name'] === 'app') as Json;
    expect(podSpec(find('Pod', 'demo'))['serviceAccountName']).toBe('app');
    expect((find('ServiceAccount', 'app')['metadata'] as Json)['annotations']).toEqual(app['annotations']);
    const podIdentitySa = String(podSpec(find('Pod', 'demo-pod-identity'))['serviceAccountName']);
    find('ServiceAccount', podIdentitySa);
    expect(demo['podIdentityAssociations']).toContainEqual(expect.objectContaining({ cluster: 'demo', namespace: 'default', serviceAccount: podIdentitySa }));
  });
});
