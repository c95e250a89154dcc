import type { PolicyVersionRecord } from '../store/index.js';
import type { IamContext } from './context.js';
import { DeleteConflictError, LimitExceededError, NoSuchEntityError } from './errors.js';
import { awsManagedPolicy, isAwsManagedPolicyArn } from './managed-arns.js';
import { checkManagedDocument, findCustomerPolicy, findPolicy } from './managed-policies.js';
import { paginate } from './paginate.js';
import type { Page, PageRequest } from './paginate.js';

/**
 * Versions of managed policies (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html):
 * at most five per customer managed policy; ids v1, v2, … never reused; one default version,
 * which is the policy's document. AWS managed policies' versions come from the catalogue and
 * cannot be changed: the calls that change versions look in this account only, so they answer
 * NoSuchEntity for an AWS managed ARN (IAM's own answer there is not documented).
 */
const MAX_VERSIONS = 5;

export interface ManagedPolicyVersion extends PolicyVersionRecord {
  isDefaultVersion: boolean;
}

export interface PolicyVersionInput {
  policyArn: string;
  versionId: string;
}

export function getPolicyVersion(ctx: IamContext, input: PolicyVersionInput): ManagedPolicyVersion {
  const found = versionsOf(ctx, input.policyArn).find((v) => v.versionId === input.versionId);
  if (!found) throw noSuchVersion(input);
  return found;
}

export interface ListPolicyVersionsInput extends PageRequest {
  policyArn: string;
}

/** Newest version first, as IAM lists them. */
export function listPolicyVersions(ctx: IamContext, input: ListPolicyVersionsInput): Page<ManagedPolicyVersion> {
  return paginate(versionsOf(ctx, input.policyArn), (v) => v.versionId, input);
}

export interface CreatePolicyVersionInput {
  policyArn: string;
  policyDocument: string;
  setAsDefault?: boolean | undefined;
}

/** The message IAM answers the sixth version with (as moto words it, and the IAM User Guide's versioning page). */
export function createPolicyVersion(ctx: IamContext, input: CreatePolicyVersionInput): ManagedPolicyVersion {
  const policy = findCustomerPolicy(ctx, input.policyArn);
  checkManagedDocument(input.policyDocument);
  const { policies } = ctx.store;
  if (policies.listVersions(policy.arn).length >= MAX_VERSIONS) {
    throw new LimitExceededError(`A managed policy can have up to ${MAX_VERSIONS} versions. Before you create a new version, you must delete an existing version.`);
  }
  const now = ctx.deps.clock.now();
  const versionId = ctx.store.transaction(() => {
    const id = policies.addVersion(policy.arn, input.policyDocument, now);
    if (input.setAsDefault) policies.setDefaultVersion(policy.arn, id, now);
    return id;
  });
  return { versionId, document: input.policyDocument, createdAt: now, isDefaultVersion: input.setAsDefault === true };
}

export function setDefaultPolicyVersion(ctx: IamContext, input: PolicyVersionInput): void {
  const policy = findCustomerPolicy(ctx, input.policyArn);
  if (!ctx.store.policies.getVersion(policy.arn, input.versionId)) throw noSuchVersion(input);
  if (policy.defaultVersionId !== input.versionId) ctx.store.policies.setDefaultVersion(policy.arn, input.versionId, ctx.deps.clock.now());
}

/** The default version goes only with the policy (DeletePolicy): "Cannot delete the default version of a policy." (DeleteConflict). */
export function deletePolicyVersion(ctx: IamContext, input: PolicyVersionInput): void {
  const policy = findCustomerPolicy(ctx, input.policyArn);
  if (!ctx.store.policies.getVersion(policy.arn, input.versionId)) throw noSuchVersion(input);
  if (policy.defaultVersionId === input.versionId) throw new DeleteConflictError('Cannot delete the default version of a policy.');
  ctx.store.policies.deleteVersion(policy.arn, input.versionId);
}

/** Every version of a managed policy (customer or AWS), newest first. */
export function versionsOf(ctx: IamContext, arn: string): ManagedPolicyVersion[] {
  const policy = findPolicy(ctx, arn);
  const isDefault = (v: PolicyVersionRecord): ManagedPolicyVersion => ({ ...v, isDefaultVersion: v.versionId === policy.defaultVersionId });
  if (isAwsManagedPolicyArn(ctx, arn)) return (awsManagedPolicy(ctx, arn)?.versions ?? []).map(isDefault);
  return ctx.store.policies.listVersions(policy.arn).map(isDefault);
}

function noSuchVersion(input: PolicyVersionInput): NoSuchEntityError {
  return new NoSuchEntityError(`Policy ${input.policyArn} version ${input.versionId} does not exist or is not attachable.`);
}
