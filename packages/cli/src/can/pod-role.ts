import { ROLE_ARN_ANNOTATION } from '@eksid/core';
import type { EksidTarget } from '../client.js';
import { readServiceAccount } from '../exec/lookup.js';
import type { PodIdentityTarget } from '../exec/lookup.js';
import { callIam, getEks } from './aws-calls.js';

/** The role a pod of this service account gets, how, and the aws:PrincipalTag/* keys its session carries. */
export type PodRole =
  | { kind: 'pod-identity' | 'irsa'; roleArn: string; principalTags: Record<string, string> }
  | { kind: 'none' };

const segment = encodeURIComponent;

/** The service account's Pod Identity association, described (ListPodIdentityAssociations names no role). */
async function association(server: EksidTarget, target: PodIdentityTarget): Promise<Record<string, unknown> | undefined> {
  const query = new URLSearchParams({ namespace: target.namespace, serviceAccount: target.serviceAccount });
  const listed = await getEks(server, `/clusters/${segment(target.cluster)}/pod-identity-associations?${query}`);
  const summaries = Array.isArray(listed['associations']) ? (listed['associations'] as Record<string, unknown>[]) : [];
  const own = summaries.find((a) => a['namespace'] === target.namespace && a['serviceAccount'] === target.serviceAccount);
  if (own === undefined) return undefined;
  const described = await getEks(server, `/clusters/${segment(target.cluster)}/pod-identity-associations/${segment(String(own['associationId']))}`);
  return described['association'] as Record<string, unknown>;
}

/** The role's IAM tags: a session's principal tags start from them (id_session-tags.html). */
async function roleTags(server: EksidTarget, roleArn: string): Promise<Record<string, string>> {
  const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  const result = await callIam(server, 'GetRole', { RoleName: name }).catch(() => ({}) as Record<string, unknown>);
  const tags = ((result['Role'] as Record<string, unknown> | undefined)?.['Tags'] ?? []) as { Key: string; Value: string }[];
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

/** Session tags win over role tags with the same key, whatever its case ("Things to know about session tags"). */
function principalTags(role: Record<string, string>, session: Record<string, string>): Record<string, string> {
  const overridden = new Set(Object.keys(session).map((k) => k.toLowerCase()));
  return { ...Object.fromEntries(Object.entries(role).filter(([k]) => !overridden.has(k.toLowerCase()))), ...session };
}

/**
 * The role exactly as `eksid exec` and the webhook decide it: a Pod Identity association wins,
 * else the eks.amazonaws.com/role-arn annotation (IRSA), else none. A Pod Identity session
 * carries EKS's session tags (EKS user guide pod-id-abac): the pod's name and uid are left out,
 * as no pod is named here.
 */
export async function podRole(server: EksidTarget, target: PodIdentityTarget): Promise<PodRole> {
  const found = await association(server, target);
  if (found !== undefined) {
    const roleArn = String(found['roleArn']);
    const cluster = (await getEks(server, `/clusters/${segment(target.cluster)}`))['cluster'] as Record<string, unknown>;
    const session: Record<string, string> = found['disableSessionTags'] === true ? {} : {
      'eks-cluster-arn': String(cluster['arn']),
      'eks-cluster-name': target.cluster,
      'kubernetes-namespace': target.namespace,
      'kubernetes-service-account': target.serviceAccount,
    };
    return { kind: 'pod-identity', roleArn, principalTags: principalTags(await roleTags(server, roleArn), session) };
  }
  const roleArn = (await readServiceAccount(server, target)).annotations[ROLE_ARN_ANNOTATION];
  if (roleArn === undefined) return { kind: 'none' };
  return { kind: 'irsa', roleArn, principalTags: await roleTags(server, roleArn) };
}
