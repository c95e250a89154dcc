import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AuthorizationV1Api, KubernetesObjectApi } from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { kubeApiserverMissing, startKubeApiserver } from './support/kube-apiserver.js';
import type { KubeApiserver } from './support/kube-apiserver.js';
import { manifestObjects } from './support/kube-objects.js';

// Every object of deploy/kind/ through a real kube-apiserver's validation and admission, with a
// server-side dry run, in the order scripts/kind-up.sh applies the files. cluster.yaml is kind's
// own config (kind.x-k8s.io), read by kind, never sent to the API.
const REPO = new URL('../', import.meta.url).pathname;
const FILES = ['namespace.yaml', 'webhook.yaml', 'agent.yaml', 'demo.yaml'];
/** What later objects' admission looks up (a Pod's service account, a namespaced object's namespace). */
const PREREQUISITES = new Set(['Namespace', 'ServiceAccount']);
/** kind-up.sh's caBundle is `eksid webhook-certs`' base64 PEM; any base64 of a certificate validates the same. */
const CA_BUNDLE = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');

const render = (file: string) => readFileSync(join(REPO, 'deploy/kind', file), 'utf8').replaceAll('@CA_BUNDLE@', CA_BUNDLE);
const label = (o: KubernetesObject) => `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;

describe.skipIf(kubeApiserverMissing('kube-manifests'))('deploy/kind against a real kube-apiserver', () => {
  let eksid: EksidProcess;
  let kube: KubeApiserver;
  let client: KubernetesObjectApi;

  beforeAll(async () => {
    eksid = await startEksid({ config: 'examples/demo.yaml' });
    kube = await startKubeApiserver(eksid, 'demo');
    client = KubernetesObjectApi.makeApiClient(kube.kc);
  });
  afterAll(async () => {
    await kube?.stop();
    await eksid?.stop();
  });

  it('should cover every file of deploy/kind', () => {
    expect(readdirSync(join(REPO, 'deploy/kind')).sort()).toEqual(['cluster.yaml', ...FILES].sort());
  });

  it.each(FILES)('should accept every object of %s with a server-side dry run', async (file) => {
    const refused: string[] = [];
    for (const object of manifestObjects(render(file))) {
      try {
        await client.create(object, undefined, 'All');
        if (PREREQUISITES.has(object.kind ?? '')) await client.create(object);
      } catch (err) {
        const e = err as { code?: number; body?: unknown };
        refused.push(`${label(object)}: ${e.code} ${typeof e.body === 'string' ? e.body : JSON.stringify(e.body)}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it("should give the webhook's service account exactly what its informer needs (RBAC of webhook.yaml)", async () => {
    // The ClusterRole and its binding, created for real this time.
    for (const object of manifestObjects(render('webhook.yaml')).filter((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding')) await client.create(object);
    const authz = kube.kc.makeApiClient(AuthorizationV1Api);
    const may = async (verb: string, resource: string) => {
      const review = await authz.createSubjectAccessReview({
        body: { spec: { user: 'system:serviceaccount:eksid-system:pod-identity-webhook', groups: ['system:serviceaccounts', 'system:serviceaccounts:eksid-system'], resourceAttributes: { verb, resource, namespace: 'default' } } },
      });
      return review.status?.allowed ?? false;
    };
    expect(await Promise.all(['get', 'list', 'watch'].map((verb) => may(verb, 'serviceaccounts')))).toEqual([true, true, true]);
    expect(await Promise.all([may('update', 'serviceaccounts'), may('get', 'secrets'), may('create', 'pods')])).toEqual([false, false, false]);
  });
});

