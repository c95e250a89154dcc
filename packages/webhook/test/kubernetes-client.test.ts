// @kubernetes/client-node is ~35 MB of heap: the webhook loads it only when it has a Kubernetes
// API to talk to (see src/cache/informer.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import type * as WebhookPackage from '../src/index.js';
import { FakeKubeApi } from './support/fake-kube-api.js';

let dir: string;
let kubeApi: FakeKubeApi;
let kubeconfig: string;
let loads: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eksid-kube-client-'));
  kubeApi = new FakeKubeApi();
  const server = await kubeApi.start();
  kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'fake',
    clusters: [{ name: 'fake', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'me', user: {} }],
    contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'me' } }],
  }));
});

afterAll(async () => {
  await kubeApi.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  loads = 0;
  vi.resetModules();
  vi.doMock('@kubernetes/client-node', async (importOriginal) => {
    loads += 1;
    return importOriginal();
  });
});

/** The package as a fresh import, so the counter sees every load of the client. */
async function webhookPackage(): Promise<typeof WebhookPackage> {
  return import('../src/index.js');
}

describe('@kubernetes/client-node', () => {
  it('should not be loaded by importing the package or by a webhook without Kubernetes (--in-cluster=false)', async () => {
    const { DEFAULT_WEBHOOK_CONFIG, startWebhook } = await webhookPackage();
    const webhook = await startWebhook({ ...DEFAULT_WEBHOOK_CONFIG, host: '127.0.0.1', port: 0, metricsPort: 0, inCluster: false, certDir: join(dir, 'certs-none') });
    await webhook.close();
    expect(loads).toBe(0);
  });

  it('should be loaded once a kubeconfig gives the webhook a Kubernetes API', async () => {
    const { parseWebhookFlags, startWebhook } = await webhookPackage();
    const config = parseWebhookFlags(['--host=127.0.0.1', '--port=0', '--metrics-port=0', `--kubeconfig=${kubeconfig}`, `--cert-dir=${join(dir, 'certs-kube')}`]);
    const webhook = await startWebhook(config);
    await webhook.close();
    expect(loads).toBe(1);
  });
});
