import type { PodIdentityAssociationRecord } from '../store/index.js';
import { checkAssociationPolicy, checkAssociationRole, checkTargetRole } from './association-rules.js';
import type { EksContext } from './cluster.js';
import { requireCluster } from './describe-cluster.js';
import { invalidNextToken, pageStart, pageToken } from './page-token.js';
import type { ListPodIdentityAssociationsInput, UpdatePodIdentityAssociationInput } from './parse-pod-identity-association.js';
import { MAX_ASSOCIATION_RESULTS } from './parse-pod-identity-association.js';
import { associationSummary, associationView, checkAssociationId, podIdentityExternalId, requireAssociation } from './pod-identity-association.js';
import type { PodIdentityAssociation, PodIdentityAssociationSummary } from './pod-identity-association.js';

// Describe, List, Update and Delete PodIdentityAssociation. The id's length is checked before
// anything is looked up, then the cluster (404 for an unknown one), then the association.

function lookUp(ctx: EksContext, clusterName: string, associationId: string): PodIdentityAssociationRecord {
  checkAssociationId(associationId);
  requireCluster(ctx, clusterName);
  return requireAssociation(ctx, clusterName, associationId);
}

export function describePodIdentityAssociation(ctx: EksContext, clusterName: string, associationId: string): PodIdentityAssociation {
  return associationView(lookUp(ctx, clusterName, associationId));
}

/** DeletePodIdentityAssociation answers with the association as it was. */
export function deletePodIdentityAssociation(ctx: EksContext, clusterName: string, associationId: string): PodIdentityAssociation {
  return ctx.store.transaction(() => {
    const record = lookUp(ctx, clusterName, associationId);
    ctx.store.podIdentityAssociations.delete(ctx.config.accountId, clusterName, associationId);
    return associationView(record);
  });
}

/**
 * UpdatePodIdentityAssociation: the role, target role, disableSessionTags and policy change;
 * the cluster, namespace and service account cannot (service-2.json). Absent members keep
 * their value; an empty targetRoleArn removes the target role and its externalId (inf).
 */
export function updatePodIdentityAssociation(ctx: EksContext, input: UpdatePodIdentityAssociationInput): PodIdentityAssociation {
  const { store, deps, config } = ctx;
  return store.transaction(() => {
    const current = lookUp(ctx, input.clusterName, input.associationId);
    if (input.roleArn !== undefined) checkAssociationRole(ctx, input.roleArn);
    if (input.targetRoleArn) checkTargetRole(input.targetRoleArn);
    const targetRoleArn = input.targetRoleArn === undefined ? current.targetRoleArn : input.targetRoleArn || null;
    const disableSessionTags = input.disableSessionTags ?? current.disableSessionTags;
    const policy = input.policy === undefined ? current.policy : input.policy || null;
    checkAssociationPolicy(policy, disableSessionTags);
    const updated: PodIdentityAssociationRecord = {
      ...current,
      roleArn: input.roleArn ?? current.roleArn,
      targetRoleArn,
      externalId: targetRoleArn === null ? null : podIdentityExternalId(config.region, config.accountId, current.clusterName, current.namespace, current.serviceAccount),
      disableSessionTags,
      policy,
      modifiedAt: deps.clock.now(),
    };
    store.podIdentityAssociations.put(updated);
    return associationView(updated);
  });
}

export interface ListPodIdentityAssociationsOutput {
  associations: PodIdentityAssociationSummary[];
  nextToken?: string;
}

/** The opaque token names the first association of the next page by (creation time, id), so deletions between pages skip nothing. */
function encodeToken(r: PodIdentityAssociationRecord): string {
  return pageToken('pia', `${r.createdAt.toISOString()}/${r.associationId}`);
}

function decodeToken(token: string): { createdAt: string; associationId: string } {
  const match = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)\/(a-[a-z0-9]{17})$/.exec(pageStart('pia', token));
  if (!match) throw invalidNextToken();
  return { createdAt: match[1] as string, associationId: match[2] as string };
}

/** ListPodIdentityAssociations: summaries in creation order, filtered by namespace and service account. */
export function listPodIdentityAssociations(ctx: EksContext, input: ListPodIdentityAssociationsInput): ListPodIdentityAssociationsOutput {
  const after = input.nextToken === undefined ? undefined : decodeToken(input.nextToken);
  requireCluster(ctx, input.clusterName);
  const filter = {
    ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
    ...(input.serviceAccount === undefined ? {} : { serviceAccount: input.serviceAccount }),
  };
  let rows = ctx.store.podIdentityAssociations.list(ctx.config.accountId, input.clusterName, filter);
  if (after) {
    const key = (r: PodIdentityAssociationRecord) => `${r.createdAt.toISOString()}/${r.associationId}`;
    const from = `${after.createdAt}/${after.associationId}`;
    rows = rows.filter((r) => key(r) >= from);
  }
  const max = input.maxResults ?? MAX_ASSOCIATION_RESULTS;
  const page = rows.slice(0, max);
  const next = rows[max];
  return next === undefined ? { associations: page.map(associationSummary) } : { associations: page.map(associationSummary), nextToken: encodeToken(next) };
}
