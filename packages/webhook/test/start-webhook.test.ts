// startWebhook wired like `eksid webhook` would: kubeconfig → informer, the eksid association
// API → Pod Identity, TLS from files or generated.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_WEBHOOK_CONFIG, WebhookConfigError, generateWebhookCertificates, parseWebhookFlags, startWebhook } from '../src/index.js';
import type { WebhookCertificates } from '../src/index.js';
import { FakeKubeApi } from './support/fake-kube-api.js';
import { admissionReview, post } from './support/https.js';

let dir: string;
let certificates: WebhookCertificates;
let kubeApi: FakeKubeApi;
let eks: Server;
let eksUrl: string;
let kubeconfig: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eksid-start-'));
  certificates = generateWebhookCertificates({ serviceName: 'pod-identity-webhook', namespace: 'eks', now: new Date() });
  kubeApi = new FakeKubeApi();
  kubeApi.put('apps', 'reader', { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::000000000000:role/reader' });
  const server = await kubeApi.start();
  kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'kind',
    clusters: [{ name: 'kind', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'me', user: {} }],
    contexts: [{ name: 'kind', context: { cluster: 'kind', user: 'me' } }],
  }));
  eks = createServer((req, res) => {
    res.writeHead(req.url?.startsWith('/clusters/dev/pod-identity-associations') === true ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ associations: [{ namespace: 'apps', serviceAccount: 'agent' }] }));
  });
  await new Promise<void>((resolve) => eks.listen(0, '127.0.0.1', resolve));
  eksUrl = `http://127.0.0.1:${(eks.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await kubeApi.close();
  await new Promise<void>((resolve) => eks.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

const patchPaths = (body: string): string[] => {
  const { patch } = (JSON.parse(body) as { response: { patch?: string } }).response;
  if (patch === undefined) return [];
  return (JSON.parse(Buffer.from(patch, 'base64').toString()) as { path: string }[]).map((op) => op.path);
};
const pod = (serviceAccountName: string): unknown => ({ spec: { serviceAccountName, containers: [{ name: 'app' }] } });

describe('startWebhook', () => {
  it('serves IRSA from the Kubernetes API and Pod Identity from eksid, with TLS from --tls-cert/--tls-key', async () => {
    await writeFile(join(dir, 'tls.crt'), certificates.cert);
    await writeFile(join(dir, 'tls.key'), certificates.key);
    const config = parseWebhookFlags([
      '--host=127.0.0.1', '--port=0', '--metrics-port=0', `--kubeconfig=${kubeconfig}`,
      `--tls-cert=${join(dir, 'tls.crt')}`, `--tls-key=${join(dir, 'tls.key')}`,
      `--eksid-endpoint=${eksUrl}`, '--cluster=dev', '--aws-default-region=eu-west-1',
    ]);
    const webhook = await startWebhook(config);
    try {
      expect(webhook.certificates).toBeUndefined();
      const irsa = await post(`${webhook.url}/mutate`, admissionReview(pod('reader'), { namespace: 'apps' }), { ca: certificates.caCert });
      expect(patchPaths(irsa.body)).toEqual(['/spec/volumes', '/spec/containers/0/env', '/spec/containers/0/volumeMounts']);
      const podIdentity = await post(`${webhook.url}/mutate`, admissionReview(pod('agent'), { namespace: 'apps' }), { ca: certificates.caCert });
      expect(patchPaths(podIdentity.body)[0]).toBe('/metadata/labels');
      const none = await post(`${webhook.url}/mutate`, admissionReview(pod('nobody'), { namespace: 'apps' }), { ca: certificates.caCert });
      expect(patchPaths(none.body)).toEqual([]);
    } finally {
      await webhook.close();
    }
  });

  it('generates a CA and serving certificate and writes them with the caBundle', async () => {
    const certDir = join(dir, 'generated');
    const webhook = await startWebhook({ ...DEFAULT_WEBHOOK_CONFIG, host: '127.0.0.1', port: 0, metricsPort: 0, inCluster: false, certDir });
    try {
      const generated = webhook.certificates;
      expect(generated).toBeDefined();
      expect(await readFile(join(certDir, 'ca.crt'), 'utf8')).toBe(generated?.caCert);
      expect((await readFile(join(certDir, 'ca-bundle.txt'), 'utf8')).trim()).toBe(generated?.caBundle);
      const configuration = JSON.parse(await readFile(join(certDir, 'mutating-webhook-configuration.json'), 'utf8')) as {
        webhooks: { clientConfig: unknown }[];
      };
      expect(configuration.webhooks[0]?.clientConfig).toEqual({
        service: { name: 'pod-identity-webhook', namespace: 'eks', path: '/mutate', port: Number(new URL(webhook.url).port) },
        caBundle: generated?.caBundle,
      });
      const result = await post(`${webhook.url}/healthz`, '', { ca: generated?.caCert ?? '', method: 'GET' });
      expect(result.body).toBe('ok');
    } finally {
      await webhook.close();
    }
  });

  it('refuses in-cluster mode outside a cluster with a usable message', async () => {
    const env = process.env.KUBERNETES_SERVICE_HOST;
    delete process.env.KUBERNETES_SERVICE_HOST;
    try {
      const config = { ...DEFAULT_WEBHOOK_CONFIG, host: '127.0.0.1', port: 0, metricsPort: 0, certDir: join(dir, 'c2') };
      await expect(startWebhook(config, { certificates })).rejects.toThrow(WebhookConfigError);
      await expect(startWebhook(config, { certificates })).rejects.toThrow('not running in a cluster: give --kubeconfig FILE');
    } finally {
      if (env !== undefined) process.env.KUBERNETES_SERVICE_HOST = env;
    }
  });

  it('reports a port already in use and releases what it started', async () => {
    const first = await startWebhook({ ...DEFAULT_WEBHOOK_CONFIG, host: '127.0.0.1', port: 0, metricsPort: 0, inCluster: false, certDir: join(dir, 'c3') }, { certificates });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startWebhook({ ...DEFAULT_WEBHOOK_CONFIG, host: '127.0.0.1', port, metricsPort: 0, inCluster: false, certDir: join(dir, 'c3') }, { certificates }))
        .rejects.toThrow('EADDRINUSE');
    } finally {
      await first.close();
    }
  });
});
