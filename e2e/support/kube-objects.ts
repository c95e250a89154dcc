// Objects the `kube` suites create through the real API server with @kubernetes/client-node.
// No controller-manager runs there, so nothing makes `default` service accounts or schedules
// pods: suites create every service account they use, and their pods stay Pending (no kubelet).
import { KubernetesObjectApi } from '@kubernetes/client-node';
import type { CoreV1Api, KubeConfig, KubernetesObject, V1Pod } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

export async function createServiceAccount(core: CoreV1Api, namespace: string, name: string, annotations: Record<string, string> = {}): Promise<void> {
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name, annotations } } });
}

/** A Pod running as `serviceAccount`, as the API stored it (after every admission plugin and webhook). */
export async function createPod(core: CoreV1Api, namespace: string, name: string, serviceAccount: string): Promise<V1Pod> {
  return core.createNamespacedPod({
    namespace,
    body: { metadata: { name }, spec: { serviceAccountName: serviceAccount, containers: [{ name: 'app', image: 'amazon/aws-cli:latest', command: ['sleep', 'infinity'] }] } },
  });
}

/**
 * A token from the TokenRequest API (what the kubelet asks for to fill a projected volume),
 * bound to `pod`, so its kubernetes.io claim names that pod's name and uid.
 */
export async function requestToken(core: CoreV1Api, pod: V1Pod, audience: string, expirationSeconds = 3600): Promise<string> {
  const namespace = pod.metadata?.namespace ?? 'default';
  const reply = await core.createNamespacedServiceAccountToken({
    name: pod.spec?.serviceAccountName ?? '',
    namespace,
    body: {
      spec: {
        audiences: [audience],
        expirationSeconds,
        boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: pod.metadata?.name, uid: pod.metadata?.uid },
      },
    },
  });
  const token = reply.status?.token;
  if (token === undefined) throw new Error('TokenRequest answered no token');
  return token;
}

/** Every object of a multi-document YAML manifest, in order (empty documents dropped). */
export function manifestObjects(text: string): KubernetesObject[] {
  return parseAllDocuments(text).map((doc) => doc.toJS() as KubernetesObject | null).filter((obj): obj is KubernetesObject => obj !== null);
}

/** Creates each object through the API, as `kubectl create -f` does; `dryRun` asks the server for a dry run only. */
export async function createObjects(kc: KubeConfig, objects: KubernetesObject[], options: { dryRun?: boolean } = {}): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kc);
  for (const object of objects) await client.create(object, undefined, options.dryRun === true ? 'All' : undefined);
}
