import { newPolicyId, parseArn, policyArn } from '../ids/index.js';
import type { ManagedPolicyRecord, Tag } from '../store/index.js';
import type { IamContext } from './context.js';
import { MANAGED_POLICY_QUOTA, checkPolicyDocument, policySize } from './documents.js';
import { DeleteConflictError, EntityAlreadyExistsError, InvalidInputError, LimitExceededError, NoSuchEntityError } from './errors.js';
import { paginate } from './paginate.js';
import type { Page, PageRequest } from './paginate.js';
import { checkUniqueTagKeys } from './tags.js';

/**
 * A customer managed policy with its usage counts. eksid keeps one version per policy (v1,
 * the default): CreatePolicyVersion is not emulated.
 */
export interface ManagedPolicy extends ManagedPolicyRecord {
  defaultVersionId: 'v1';
  attachmentCount: number;
  permissionsBoundaryUsageCount: number;
}

export interface CreatePolicyInput {
  policyName: string;
  policyDocument: string;
  path?: string | undefined;
  description?: string | undefined;
  tags?: Tag[] | undefined;
}

export function createPolicy(ctx: IamContext, input: CreatePolicyInput): ManagedPolicy {
  const { accountId, partition } = ctx.config;
  // Names are unique in the account whatever the path, compared without case.
  const taken = ctx.store.policies.listManaged(accountId).some((p) => p.name.toLowerCase() === input.policyName.toLowerCase());
  if (taken) throw new EntityAlreadyExistsError(`A policy called ${input.policyName} already exists. Duplicate names are not allowed.`);
  checkPolicyDocument(input.policyDocument, 'identity');
  if (policySize(input.policyDocument) > MANAGED_POLICY_QUOTA) throw new LimitExceededError(`Cannot exceed quota for PolicySize: ${MANAGED_POLICY_QUOTA}`);
  checkUniqueTagKeys(input.tags ?? []);
  const path = input.path ?? '/';
  const now = ctx.deps.clock.now();
  const record: ManagedPolicyRecord = {
    arn: policyArn(partition, accountId, path, input.policyName),
    accountId,
    name: input.policyName,
    policyId: newPolicyId(ctx.deps.random, accountId),
    path,
    description: input.description ?? null,
    document: input.policyDocument,
    tags: input.tags ?? [],
    createdAt: now,
    updatedAt: now,
  };
  ctx.store.policies.insertManaged(record);
  return withUsage(ctx, record);
}

export function getPolicy(ctx: IamContext, arn: string): ManagedPolicy {
  return withUsage(ctx, findPolicy(ctx, arn));
}

export interface ListPoliciesInput extends PageRequest {
  /** 'AWS' lists AWS managed policies, which eksid does not hold: always empty. */
  scope?: 'All' | 'AWS' | 'Local' | undefined;
  onlyAttached?: boolean | undefined;
  pathPrefix?: string | undefined;
  policyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary' | undefined;
}

export function listPolicies(ctx: IamContext, input: ListPoliciesInput = {}): Page<ManagedPolicy> {
  const all = input.scope === 'AWS' ? [] : ctx.store.policies.listManaged(ctx.config.accountId, input.pathPrefix ?? '/').map((p) => withUsage(ctx, p));
  const kept = all.filter((p) => {
    if (input.policyUsageFilter === 'PermissionsPolicy') return p.attachmentCount > 0;
    if (input.policyUsageFilter === 'PermissionsBoundary') return p.permissionsBoundaryUsageCount > 0;
    return !input.onlyAttached || p.attachmentCount > 0 || p.permissionsBoundaryUsageCount > 0;
  });
  return paginate(kept, (p) => p.name, input);
}

/** IAM will not delete a policy still attached to a role. */
export function deletePolicy(ctx: IamContext, arn: string): void {
  const policy = findPolicy(ctx, arn);
  if (ctx.store.policies.attachmentCount(policy.arn) > 0) throw new DeleteConflictError('Cannot delete a policy attached to entities.');
  ctx.store.policies.deleteManaged(policy.arn);
}

export interface ManagedPolicyVersion {
  document: string;
  versionId: string;
  isDefaultVersion: boolean;
  createdAt: Date;
}

export function getPolicyVersion(ctx: IamContext, input: { policyArn: string; versionId: string }): ManagedPolicyVersion {
  const policy = findPolicy(ctx, input.policyArn);
  if (input.versionId !== 'v1') throw new NoSuchEntityError(`Policy ${policy.arn} version ${input.versionId} does not exist or is not attachable.`);
  return { document: policy.document, versionId: 'v1', isDefaultVersion: true, createdAt: policy.createdAt };
}

/** Malformed ARNs are InvalidInput, well-formed unknown ones NoSuchEntity (IAM's two answers). */
function findPolicy(ctx: IamContext, arn: string): ManagedPolicyRecord {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('policy/')) throw new InvalidInputError(`ARN ${arn} is not valid.`);
  const policy = ctx.store.policies.getManaged(arn);
  if (!policy || policy.accountId !== ctx.config.accountId) throw new NoSuchEntityError(`Policy ${arn} was not found.`);
  return policy;
}

function withUsage(ctx: IamContext, record: ManagedPolicyRecord): ManagedPolicy {
  const boundaries = ctx.store.roles.list(ctx.config.accountId).filter((r) => r.permissionsBoundary === record.arn).length;
  return { ...record, defaultVersionId: 'v1', attachmentCount: ctx.store.policies.attachmentCount(record.arn), permissionsBoundaryUsageCount: boundaries };
}
