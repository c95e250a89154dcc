import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdmissionregistrationV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { KubernetesObject, V1Container, V1MutatingWebhookConfiguration, V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './support/clients.js';
import { CLI_ENTRY, startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { kubeApiserverMissing, startKubeApiserver } from './support/kube-apiserver.js';
import type { KubeApiserver } from './support/kube-apiserver.js';
import { createObjects, createPod, createServiceAccount, manifestObjects, requestToken } from './support/kube-objects.js';
import { freePort, waitForLine } from './support/processes.js';
import type { ReadyProcess } from './support/processes.js';
import { scratchDir } from './support/scratch.js';

// The webhook behind real admission: deploy/kind/webhook.yaml applied to a real kube-apiserver,
// `eksid webhook` running with that Deployment's own arguments (out of cluster), pods created
// through the API. examples/demo.yaml associates default/pod-app with a Pod Identity role.
const REPO = new URL('../', import.meta.url).pathname;
const ROLE_ARN = 'arn:aws:iam::000000000000:role/demo-app';
const TOKEN_DIR = '/var/run/secrets/eks.amazonaws.com/serviceaccount';
const POD_IDENTITY_DIR = '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount';
/** What the ServiceAccount admission plugin mounts before the webhook is called. */
const KUBE_API_ACCESS_MOUNT = { name: expect.stringMatching(/^kube-api-access-[a-z0-9]{5}$/) as string, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
const REGION_ENV = [
  { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' },
  { name: 'AWS_DEFAULT_REGION', value: 'us-east-1' },
  { name: 'AWS_REGION', value: 'us-east-1' },
];

interface Deployment extends KubernetesObject {
  spec: { template: { spec: { containers: { args: string[] }[] } } };
}

/**
 * deploy/kind/webhook.yaml with the caBundle rendered as kind-up.sh renders it. One change:
 * kube-apiserver reaches a webhook Service only through its endpoints, and nothing here runs
 * the Deployment behind it (nor may Endpoints hold loopback addresses), so the
 * MutatingWebhookConfiguration's clientConfig names the webhook's loopback URL instead of the
 * Service. Every other field is the manifest's.
 */
function webhookManifest(caBundle: string, port: number): KubernetesObject[] {
  const text = readFileSync(join(REPO, 'deploy/kind/webhook.yaml'), 'utf8').replaceAll('@CA_BUNDLE@', caBundle);
  return manifestObjects(text).map((object) => {
    if (object.kind !== 'MutatingWebhookConfiguration') return object;
    const config = object as V1MutatingWebhookConfiguration;
    const webhooks = (config.webhooks ?? []).map((hook) => {
      expect(hook.clientConfig.service?.path).toBe('/mutate');
      return { ...hook, clientConfig: { url: `https://127.0.0.1:${port}/mutate`, caBundle: hook.clientConfig.caBundle } };
    });
    return { ...config, webhooks };
  });
}

/**
 * The Deployment's container arguments, with what differs out of cluster: the kubeconfig for
 * --in-cluster, local files for the mounted Secret, free ports, and this run's eksid.
 */
function webhookArgs(objects: KubernetesObject[], local: { kubeconfig: string; certDir: string; port: number; metricsPort: number; eksid: string }): string[] {
  const deployment = objects.find((o) => o.kind === 'Deployment') as Deployment;
  const replaced: Record<string, string> = {
    '--in-cluster': `--kubeconfig=${local.kubeconfig}`,
    '--port': `--port=${local.port}`,
    '--metrics-port': `--metrics-port=${local.metricsPort}`,
    '--tls-cert': `--tls-cert=${join(local.certDir, 'tls.crt')}`,
    '--tls-key': `--tls-key=${join(local.certDir, 'tls.key')}`,
    '--eksid-endpoint': `--eksid-endpoint=${local.eksid}`,
  };
  const args = deployment.spec.template.spec.containers[0]?.args ?? [];
  expect(args[0]).toBe('webhook');
  return args.slice(1).map((arg) => replaced[arg.split('=')[0] as string] ?? arg);
}

const container = (pod: V1Pod): V1Container => pod.spec?.containers[0] as V1Container;
const envNames = (pod: V1Pod) => (container(pod).env ?? []).map((e) => e.name);

describe.skipIf(kubeApiserverMissing('kube-webhook'))('the pod identity webhook behind a real kube-apiserver', () => {
  let eksid: EksidProcess;
  let kube: KubeApiserver;
  let core: CoreV1Api;
  let webhook: ReadyProcess | undefined;
  let args: string[];
  let podCount = 0;

  const startWebhook = async () => {
    webhook = await waitForLine(process.execPath, [CLI_ENTRY, 'webhook', ...args], /eksid webhook ready at https:\/\/127\.0\.0\.1:\d+/, { env: { ...process.env, EKSID_ADMIN_TOKEN: eksid.adminToken } });
  };
  const newPod = (serviceAccount: string, namespace = 'default') => createPod(core, namespace, `${serviceAccount}-${++podCount}`, serviceAccount);

  beforeAll(async () => {
    eksid = await startEksid({ config: 'examples/demo.yaml' });
    kube = await startKubeApiserver(eksid, 'demo');
    core = kube.kc.makeApiClient(CoreV1Api);

    const certDir = scratchDir('eksid-kube-webhook-certs-');
    const certs = await run(process.execPath, [CLI_ENTRY, 'webhook-certs', '--out', certDir, '--service-name', 'pod-identity-webhook', '--namespace', 'eksid-system'], process.env);
    expect(certs.code, certs.stderr).toBe(0);
    const port = await freePort();
    const objects = webhookManifest(readFileSync(join(certDir, 'ca-bundle.txt'), 'utf8').trim(), port);
    await createObjects(kube.kc, manifestObjects(readFileSync(join(REPO, 'deploy/kind/namespace.yaml'), 'utf8')));
    await createObjects(kube.kc, objects);

    // The webhook authenticates as its own ServiceAccount, so the manifest's RBAC is what lets
    // its informer list and watch service accounts (as in the cluster, with a requested token).
    const token = await core.createNamespacedServiceAccountToken({ name: 'pod-identity-webhook', namespace: 'eksid-system', body: { spec: { audiences: [kube.issuer] } } });
    const cluster = kube.kc.getCurrentCluster();
    if (cluster === null) throw new Error('the admin kubeconfig has no cluster');
    const kc = new KubeConfig();
    kc.loadFromOptions({ clusters: [cluster], users: [{ name: 'webhook', token: token.status?.token }], contexts: [{ name: 'webhook', cluster: cluster.name, user: 'webhook' }], currentContext: 'webhook' });
    const kubeconfig = join(scratchDir('eksid-kube-webhook-'), 'kubeconfig');
    writeFileSync(kubeconfig, kc.exportConfig());

    args = webhookArgs(objects, { kubeconfig, certDir, port, metricsPort: await freePort(), eksid: eksid.url });
    await createServiceAccount(core, 'default', 'app', { 'eks.amazonaws.com/role-arn': ROLE_ARN });
    await createServiceAccount(core, 'default', 'pod-app');
    await startWebhook();
  });
  afterAll(async () => {
    await webhook?.stop();
    await kube?.stop();
    await eksid?.stop();
  });

  it('should inject IRSA into a pod created through the API: env, projected token volume, mount', async () => {
    const pod = await newPod('app');
    expect(container(pod).env).toEqual([...REGION_ENV, { name: 'AWS_ROLE_ARN', value: ROLE_ARN }, { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: `${TOKEN_DIR}/token` }]);
    expect(pod.spec?.volumes?.[0]).toEqual({ name: 'aws-iam-token', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { audience: 'sts.amazonaws.com', expirationSeconds: 86400, path: 'token' } }] } });
    // The ServiceAccount admission plugin ran first: its kube-api-access volume and mount are
    // kept, the token volume goes ahead of the volume, the mount after the mount (as upstream).
    expect(pod.spec?.volumes?.[1]?.name).toMatch(/^kube-api-access-/);
    expect(container(pod).volumeMounts).toEqual([KUBE_API_ACCESS_MOUNT, { name: 'aws-iam-token', readOnly: true, mountPath: TOKEN_DIR }]);
  });

  it('should inject Pod Identity for a service account eksid associates with a role', async () => {
    const pod = await newPod('pod-app');
    expect(pod.metadata?.labels).toEqual({ 'eks.amazonaws.com/pod-identity': 'enabled' });
    expect(container(pod).env).toEqual([
      ...REGION_ENV,
      { name: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: 'http://169.254.170.23/v1/credentials' },
      { name: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', value: `${POD_IDENTITY_DIR}/eks-pod-identity-token` },
    ]);
    const volume = pod.spec?.volumes?.[0];
    expect(volume?.name).toBe('eks-pod-identity-token');
    const source = volume?.projected?.sources?.[0]?.serviceAccountToken;
    expect({ audience: source?.audience, path: source?.path }).toEqual({ audience: 'pods.eks.amazonaws.com', path: 'eks-pod-identity-token' });
    // Upstream jitters the default 86400 s down by up to 2 h, so pods do not renew in step.
    expect(source?.expirationSeconds).toBeGreaterThanOrEqual(79200);
    expect(source?.expirationSeconds).toBeLessThanOrEqual(86400);
    expect(container(pod).volumeMounts).toEqual([KUBE_API_ACCESS_MOUNT, { name: 'eks-pod-identity-token', readOnly: true, mountPath: POD_IDENTITY_DIR }]);
  });

  it("should leave pods of eksid-system alone (the manifest's namespaceSelector)", async () => {
    await createServiceAccount(core, 'eksid-system', 'app', { 'eks.amazonaws.com/role-arn': ROLE_ARN });
    const pod = await newPod('app', 'eksid-system');
    expect(envNames(pod)).toEqual([]);
  });

  it('should honour a service account annotated after the webhook started, for the next pods', async () => {
    await createServiceAccount(core, 'default', 'late');
    expect(envNames(await newPod('late'))).toEqual([]);
    await core.patchNamespacedServiceAccount({ name: 'late', namespace: 'default', body: [{ op: 'add', path: '/metadata/annotations', value: { 'eks.amazonaws.com/role-arn': ROLE_ARN } }] });
    // The informer hears of the change through its watch on the real API: poll with a deadline.
    const deadline = Date.now() + 30_000;
    let pod = await newPod('late');
    while (!envNames(pod).includes('AWS_ROLE_ARN') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      pod = await newPod('late');
    }
    expect(container(pod).env).toContainEqual({ name: 'AWS_ROLE_ARN', value: ROLE_ARN });
  });

  it('should follow failurePolicy while the webhook is down: Ignore admits the pod unmutated, Fail refuses it', async () => {
    await webhook?.stop();
    webhook = undefined;
    expect(envNames(await newPod('app'))).toEqual([]);

    const admission = kube.kc.makeApiClient(AdmissionregistrationV1Api);
    await admission.patchMutatingWebhookConfiguration({ name: 'pod-identity-webhook', body: [{ op: 'replace', path: '/webhooks/0/failurePolicy', value: 'Fail' }] });
    const refused = await newPod('app').then(
      () => undefined,
      (err: { code?: number; body?: string }) => ({ code: err.code, message: (JSON.parse(err.body ?? '{}') as { message?: string }).message }),
    );
    expect(refused?.code).toBe(500);
    expect(refused?.message).toMatch(/^Internal error occurred: failed calling webhook "pod-identity-webhook\.amazonaws\.com": failed to call webhook: Post "https:\/\/127\.0\.0\.1:\d+\/mutate\?timeout=10s": dial tcp 127\.0\.0\.1:\d+: connect: connection refused$/);
    await admission.patchMutatingWebhookConfiguration({ name: 'pod-identity-webhook', body: [{ op: 'replace', path: '/webhooks/0/failurePolicy', value: 'Ignore' }] });
  });

  it('should mutate again after a restart, from the service accounts that already exist', async () => {
    await startWebhook();
    expect(container(await newPod('app')).env).toContainEqual({ name: 'AWS_ROLE_ARN', value: ROLE_ARN });
    expect(container(await newPod('late')).env).toContainEqual({ name: 'AWS_ROLE_ARN', value: ROLE_ARN });
    expect(envNames(await newPod('pod-app'))).toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI');
  });

  it('should hand the pod a token kube-apiserver signs for the volume the webhook added', async () => {
    // No kubelet projects the volume here; the TokenRequest it would make gives the same token.
    const pod = await newPod('app');
    const source = pod.spec?.volumes?.[0]?.projected?.sources?.[0]?.serviceAccountToken;
    const token = await requestToken(core, pod, source?.audience ?? '', source?.expirationSeconds);
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { aud: string[]; iss: string };
    expect(claims).toMatchObject({ aud: ['sts.amazonaws.com'], iss: kube.issuer });
  });
});
