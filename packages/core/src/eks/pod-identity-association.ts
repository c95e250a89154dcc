import type { Random } from '../deps.js';
import type { PodIdentityAssociationRecord } from '../store/index.js';
import type { EksContext } from './cluster.js';
import { InvalidParameterError, ResourceNotFoundError } from './errors.js';

/** The `PodIdentityAssociation` shape of the EKS model (botocore eks/2017-11-01/service-2.json), members in model order. */
export interface PodIdentityAssociation {
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  associationArn: string;
  associationId: string;
  tags: Record<string, string>;
  /** Epoch seconds with milliseconds, e.g. 1700862734.922 (EKS user guide, pod-id-association). */
  createdAt: number;
  modifiedAt: number;
  ownerArn?: string;
  disableSessionTags: boolean;
  targetRoleArn?: string;
  externalId?: string;
  policy?: string;
}

/** ListPodIdentityAssociations' `PodIdentityAssociationSummary`: no role, tags or timestamps. */
export interface PodIdentityAssociationSummary {
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  associationArn: string;
  associationId: string;
  ownerArn?: string;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ASSOCIATION_ID_LENGTH = 19;

/**
 * `a-` + 17 lower-case letters and digits, as real ids look (a-abcdefghijklmnop1,
 * a-9njjin9gfghecgocd in the EKS user guide and the aws-cli examples).
 */
export function newAssociationId(random: Random): string {
  let out = 'a-';
  // 36 does not divide 256: redraw bytes ≥ 252 so every character is equally likely.
  while (out.length < ASSOCIATION_ID_LENGTH) {
    for (const byte of random.bytes(32)) {
      if (byte < 252 && out.length < ASSOCIATION_ID_LENGTH) out += ID_ALPHABET[byte % 36];
    }
  }
  return out;
}

export function associationArn(partition: string, region: string, account: string, clusterName: string, associationId: string): string {
  return `arn:${partition}:eks:${region}:${account}:podidentityassociation/${clusterName}/${associationId}`;
}

/**
 * What EKS puts in `externalId` when a target role is set and passes as sts:ExternalId when it
 * chains into it: "region/account/cluster/namespace/service-account" (EKS user guide,
 * pod-id-assign-target-role, the target role's trust policy example).
 */
export function podIdentityExternalId(region: string, account: string, clusterName: string, namespace: string, serviceAccount: string): string {
  return `${region}/${account}/${clusterName}/${namespace}/${serviceAccount}`;
}

export function associationView(r: PodIdentityAssociationRecord): PodIdentityAssociation {
  return {
    clusterName: r.clusterName,
    namespace: r.namespace,
    serviceAccount: r.serviceAccount,
    roleArn: r.roleArn,
    associationArn: r.associationArn,
    associationId: r.associationId,
    tags: r.tags,
    createdAt: r.createdAt.getTime() / 1000,
    modifiedAt: r.modifiedAt.getTime() / 1000,
    ...(r.ownerArn === null ? {} : { ownerArn: r.ownerArn }),
    disableSessionTags: r.disableSessionTags,
    ...(r.targetRoleArn === null ? {} : { targetRoleArn: r.targetRoleArn }),
    ...(r.externalId === null ? {} : { externalId: r.externalId }),
    ...(r.policy === null ? {} : { policy: r.policy }),
  };
}

export function associationSummary(r: PodIdentityAssociationRecord): PodIdentityAssociationSummary {
  return {
    clusterName: r.clusterName,
    namespace: r.namespace,
    serviceAccount: r.serviceAccount,
    associationArn: r.associationArn,
    associationId: r.associationId,
    ...(r.ownerArn === null ? {} : { ownerArn: r.ownerArn }),
  };
}

/** Wording from aws-samples/eks-workshop-v2#882, where a truncated id got this answer. */
export function checkAssociationId(associationId: string): void {
  if (associationId.length !== ASSOCIATION_ID_LENGTH) {
    throw new InvalidParameterError(`The parameter associationId should be ${ASSOCIATION_ID_LENGTH} characters long.`);
  }
}

/** The stored association of a known cluster, or ResourceNotFoundException (message inferred). */
export function requireAssociation(ctx: EksContext, clusterName: string, associationId: string): PodIdentityAssociationRecord {
  const record = ctx.store.podIdentityAssociations.get(ctx.config.accountId, clusterName, associationId);
  if (!record) throw new ResourceNotFoundError(`No Pod Identity Association found for id: ${associationId}.`);
  return record;
}
