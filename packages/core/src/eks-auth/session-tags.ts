import type { ClusterRecord, PodIdentityAssociationRecord } from '../store/index.js';

/** What the token says about the pod, from its kubernetes.io claim. */
export interface PodIdentity {
  namespace: string;
  serviceAccount: string;
  serviceAccountUid: string;
  podName: string;
  podUid: string;
}

/**
 * The six session tags EKS Pod Identity sets, all transitive (EKS user guide pod-id-abac.adoc).
 * Omitted entirely when the association has disableSessionTags.
 */
export function podIdentitySessionTags(cluster: ClusterRecord, pod: PodIdentity, association: PodIdentityAssociationRecord): Record<string, string> {
  if (association.disableSessionTags) return {};
  return {
    'eks-cluster-arn': cluster.arn,
    'eks-cluster-name': cluster.name,
    'kubernetes-namespace': pod.namespace,
    'kubernetes-service-account': pod.serviceAccount,
    'kubernetes-pod-name': pod.podName,
    'kubernetes-pod-uid': pod.podUid,
  };
}

// What IAM refuses in a session name (RoleSessionName pattern [\w+=,.@-]*).
const UNSAFE = /[^\w+=,.@-]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

/**
 * The session name EKS uses: `eks-<cluster>-<pod>-<uuid>` (EKS Auth API reference,
 * AssumedRoleUser). IAM caps session names at 64 characters; the uuid tail is kept whole so
 * names stay unique, and the cluster/pod part is shortened instead (inferred).
 */
export function podIdentitySessionName(clusterName: string, podName: string, uuid: string): string {
  const head = `eks-${clusterName}-${podName}`.slice(0, 64 - uuid.length - 1);
  // Pod names are DNS labels, so the replace is rarely needed: it runs only when it changes something.
  return `${UNSAFE.test(head) ? head.replace(UNSAFE_ALL, '-') : head}-${uuid}`;
}
