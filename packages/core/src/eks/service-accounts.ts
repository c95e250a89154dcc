import type { ServiceAccountRecord } from '../store/index.js';
import type { EksContext } from './cluster.js';
import { requireCluster } from './describe-cluster.js';
import { InvalidParameterError } from './errors.js';

export interface PutServiceAccountInput {
  clusterName: string;
  namespace: string;
  name: string;
  annotations: Record<string, string>;
}

export interface PutServiceAccountResult {
  serviceAccount: ServiceAccountRecord;
  action: 'created' | 'updated' | 'unchanged';
}

// Kubernetes name rules (apimachinery pkg/util/validation): a namespace is a DNS-1123 label,
// a service account name a DNS-1123 subdomain.
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kubernetes' own wording for a bad name, or undefined when the name is valid. */
export function serviceAccountNameProblem(kind: 'namespace' | 'name', value: string): string | undefined {
  if (kind === 'namespace') {
    if (value.length > 63 || !DNS1123_LABEL.test(value)) {
      return `'${value}' is not a valid namespace: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', start and end with an alphanumeric character, and be at most 63 characters`;
    }
  } else if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    return `'${value}' is not a valid service account name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`;
  }
  return undefined;
}

function sameAnnotations(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * Declares a service account of an existing cluster, like `kubectl apply` of a
 * ServiceAccount: annotations are replaced as a whole, the uid Kubernetes gave it is kept.
 */
export function putServiceAccount(ctx: EksContext, input: PutServiceAccountInput): PutServiceAccountResult {
  requireCluster(ctx, input.clusterName);
  for (const kind of ['namespace', 'name'] as const) {
    const problem = serviceAccountNameProblem(kind, input[kind]);
    if (problem) throw new InvalidParameterError(problem);
  }
  const { store, deps } = ctx;
  const existing = store.serviceAccounts.get(input.clusterName, input.namespace, input.name);
  if (existing && sameAnnotations(existing.annotations, input.annotations)) return { serviceAccount: existing, action: 'unchanged' };
  const serviceAccount = store.serviceAccounts.upsert({
    clusterName: input.clusterName,
    namespace: input.namespace,
    name: input.name,
    uid: existing?.uid ?? deps.random.uuid(),
    annotations: { ...input.annotations },
  });
  return { serviceAccount, action: existing ? 'updated' : 'created' };
}
