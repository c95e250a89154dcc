import type { PodIdentityAssociationRecord } from '../store/index.js';
import { checkAssociationPolicy, checkAssociationRole, checkServiceAccountNames, checkTargetRole } from './association-rules.js';
import type { EksContext } from './cluster.js';
import { requireCluster } from './describe-cluster.js';
import { ResourceInUseError } from './errors.js';
import { associationArn, associationView, newAssociationId, podIdentityExternalId } from './pod-identity-association.js';
import type { PodIdentityAssociation } from './pod-identity-association.js';
import type { CreatePodIdentityAssociationInput } from './parse-pod-identity-association.js';

/**
 * CreatePodIdentityAssociation. One association per (cluster, namespace, service account):
 * a second one is 409 "Association already exists: <id>" (eksctl-io/eksctl#7753), unless it
 * is a retry carrying the first call's clientRequestToken, which gets the first answer back.
 */
export function createPodIdentityAssociation(ctx: EksContext, input: CreatePodIdentityAssociationInput): PodIdentityAssociation {
  const { store, deps, config } = ctx;
  return store.transaction(() => {
    const cluster = requireCluster(ctx, input.clusterName);
    checkServiceAccountNames(input.namespace, input.serviceAccount);
    const existing = store.podIdentityAssociations.forServiceAccount(config.accountId, cluster.name, input.namespace, input.serviceAccount);
    if (existing) {
      if (input.clientRequestToken !== undefined && existing.clientRequestToken === input.clientRequestToken) return associationView(existing);
      throw new ResourceInUseError(`Association already exists: ${existing.associationId}`);
    }
    checkAssociationRole(ctx, input.roleArn);
    if (input.targetRoleArn !== undefined) checkTargetRole(input.targetRoleArn);
    const disableSessionTags = input.disableSessionTags ?? false;
    checkAssociationPolicy(input.policy ?? null, disableSessionTags);

    const associationId = newAssociationId(deps.random);
    const now = deps.clock.now();
    const record: PodIdentityAssociationRecord = {
      associationId,
      accountId: config.accountId,
      clusterName: cluster.name,
      namespace: input.namespace,
      serviceAccount: input.serviceAccount,
      roleArn: input.roleArn,
      associationArn: associationArn(config.partition, config.region, config.accountId, cluster.name, associationId),
      tags: input.tags ?? {},
      disableSessionTags,
      targetRoleArn: input.targetRoleArn ?? null,
      externalId: input.targetRoleArn === undefined ? null : podIdentityExternalId(config.region, config.accountId, cluster.name, input.namespace, input.serviceAccount),
      policy: input.policy ?? null,
      ownerArn: null,
      clientRequestToken: input.clientRequestToken ?? null,
      createdAt: now,
      modifiedAt: now,
    };
    store.podIdentityAssociations.put(record);
    return associationView(record);
  });
}
