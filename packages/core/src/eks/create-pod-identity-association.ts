import type { PodIdentityAssociationRecord } from '../store/index.js';
import { checkAssociationPolicy, checkAssociationRole, checkServiceAccountNames, checkTargetRole } from './association-rules.js';
import type { EksContext } from './cluster.js';
import { requireCluster } from './describe-cluster.js';
import { ResourceInUseError } from './errors.js';
import { IdempotencyMismatchError, requestDigest } from './idempotency.js';
import { associationArn, associationView, newAssociationId, podIdentityExternalId } from './pod-identity-association.js';
import type { PodIdentityAssociation } from './pod-identity-association.js';
import type { CreatePodIdentityAssociationInput } from './parse-pod-identity-association.js';

/**
 * CreatePodIdentityAssociation. One association per (cluster, namespace, service account):
 * a second one is 409 "Association already exists: <id>" (eksctl-io/eksctl#7753). A retry
 * carrying the first call's clientRequestToken and parameters gets the first answer back; the
 * token with other parameters is refused (idempotency.ts).
 */
export function createPodIdentityAssociation(ctx: EksContext, input: CreatePodIdentityAssociationInput): PodIdentityAssociation {
  const { store, deps, config } = ctx;
  return store.transaction(() => {
    const cluster = requireCluster(ctx, input.clusterName);
    const digest = requestDigest(input);
    if (input.clientRequestToken !== undefined) {
      const earlier = store.podIdentityAssociations.byClientRequestToken(config.accountId, input.clientRequestToken);
      if (earlier) {
        // Rows kept before the digest was (null) count as a retry when they name the same service account.
        const same = earlier.requestDigest === null
          ? earlier.clusterName === cluster.name && earlier.namespace === input.namespace && earlier.serviceAccount === input.serviceAccount
          : earlier.requestDigest === digest;
        if (!same) throw new IdempotencyMismatchError();
        return associationView(earlier);
      }
    }
    checkServiceAccountNames(input.namespace, input.serviceAccount);
    const existing = store.podIdentityAssociations.forServiceAccount(config.accountId, cluster.name, input.namespace, input.serviceAccount);
    if (existing) throw new ResourceInUseError(`Association already exists: ${existing.associationId}`);
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
      requestDigest: digest,
      createdAt: now,
      modifiedAt: now,
    };
    store.podIdentityAssociations.put(record);
    return associationView(record);
  });
}
