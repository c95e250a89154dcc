import { InvalidParameterError, requireCluster, serviceAccountNameProblem } from '@eksid/core';
import type { ServerContext } from '../context.js';

export interface ServiceAccountView {
  namespace: string;
  name: string;
  uid: string;
  annotations: Record<string, string>;
}

/**
 * GET /_eksid/clusters/:cluster/service-accounts/:namespace/:name: the service account as
 * the pod identity webhook reads it from the API server, so `eksid exec` can read its
 * role annotation. An undeclared account answers with no annotations (in Kubernetes an
 * account without annotations is the norm) and is recorded with a fresh uid, exactly as
 * minting its first token would record it: the uid this answers is the one tokens carry.
 */
export function getServiceAccount(ctx: ServerContext, clusterName: string, namespace: string, name: string): ServiceAccountView {
  const cluster = requireCluster(ctx, clusterName);
  for (const [kind, value] of [['namespace', namespace], ['name', name]] as const) {
    const problem = serviceAccountNameProblem(kind, value);
    if (problem) throw new InvalidParameterError(problem);
  }
  const sa = ctx.store.serviceAccounts.get(cluster.name, namespace, name)
    ?? ctx.store.serviceAccounts.upsert({ clusterName: cluster.name, namespace, name, uid: ctx.deps.random.uuid(), annotations: {} });
  return { namespace: sa.namespace, name: sa.name, uid: sa.uid, annotations: { ...sa.annotations } };
}
