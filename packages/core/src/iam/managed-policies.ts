import { newPolicyId, parseArn, policyArn } from '../ids/index.js';
import type { ManagedPolicyRecord, Tag } from '../store/index.js';
import { awsManagedCatalogue } from './aws-managed/load.js';
import type { IamContext } from './context.js';
import { MANAGED_POLICY_QUOTA, checkPolicyDocument, policySize } from './documents.js';
import { DeleteConflictError, EntityAlreadyExistsError, InvalidInputError, LimitExceededError, NoSuchEntityError } from './errors.js';
import { awsManagedPolicy, awsManagedRecord, isAwsManagedPolicyArn, isServiceRolePolicy } from './managed-arns.js';
import { paginate } from './paginate.js';
import type { Page, PageRequest } from './paginate.js';
import { checkUniqueTagKeys } from './tags.js';

/** A managed policy (customer or AWS) with this account's usage counts. */
export interface ManagedPolicy extends ManagedPolicyRecord {
  attachmentCount: number;
  permissionsBoundaryUsageCount: number;
  isAttachable: boolean;
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
  checkManagedDocument(input.policyDocument);
  checkUniqueTagKeys(input.tags ?? []);
  const path = input.path ?? '/';
  const now = ctx.deps.clock.now();
  const record = {
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
  ctx.store.transaction(() => ctx.store.policies.insertManaged(record));
  return withUsage(ctx, { ...record, defaultVersionId: 'v1' });
}

/** A managed policy document as CreatePolicy and CreatePolicyVersion check it. */
export function checkManagedDocument(document: string): void {
  checkPolicyDocument(document, 'identity');
  if (policySize(document) > MANAGED_POLICY_QUOTA) throw new LimitExceededError(`Cannot exceed quota for PolicySize: ${MANAGED_POLICY_QUOTA}`);
}

export function getPolicy(ctx: IamContext, arn: string): ManagedPolicy {
  return withUsage(ctx, findPolicy(ctx, arn));
}

export interface ListPoliciesInput extends PageRequest {
  /** 'AWS': the AWS managed catalogue; 'Local': this account's; 'All' (the default): both. */
  scope?: 'All' | 'AWS' | 'Local' | undefined;
  onlyAttached?: boolean | undefined;
  pathPrefix?: string | undefined;
  policyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary' | undefined;
}

/** Policies by name (AWS and local ones interleaved, as with Scope All), then ARN. */
export function listPolicies(ctx: IamContext, input: ListPoliciesInput = {}): Page<ManagedPolicy> {
  const scope = input.scope ?? 'All';
  const prefix = input.pathPrefix ?? '/';
  const local = scope === 'AWS' ? [] : ctx.store.policies.listManaged(ctx.config.accountId, prefix);
  const aws = scope === 'Local' ? [] : awsManagedCatalogue().list().filter((p) => p.path.startsWith(prefix)).map((p) => awsManagedRecord(ctx, p));
  const usage = usageCounts(ctx);
  const kept = [...aws, ...local]
    .map((p) => usage(p))
    .filter((p) => {
      if (input.policyUsageFilter === 'PermissionsPolicy') return p.attachmentCount > 0;
      if (input.policyUsageFilter === 'PermissionsBoundary') return p.permissionsBoundaryUsageCount > 0;
      return !input.onlyAttached || p.attachmentCount > 0 || p.permissionsBoundaryUsageCount > 0;
    })
    .sort((a, b) => compareText(listKey(a), listKey(b)));
  return paginate(kept, listKey, input);
}

/**
 * IAM will not delete a policy still attached to a role, nor one with versions besides the
 * default: "This policy has more than one version. Before you delete a policy, you must delete
 * the policy's versions. The default version is deleted with the policy." (DeleteConflict, as
 * IAM answers it in rebuy-de/aws-nuke#1; terraform-provider-aws deletes the non-default
 * versions before DeletePolicy for that reason).
 */
export function deletePolicy(ctx: IamContext, arn: string): void {
  const policy = findCustomerPolicy(ctx, arn);
  // A permissions boundary in use counts as an attachment (gruntwork-io/cloud-nuke#972: DeleteConflict until the boundary is removed).
  if (ctx.store.policies.attachmentCount(policy.arn) > 0 || withUsage(ctx, policy).permissionsBoundaryUsageCount > 0) {
    throw new DeleteConflictError('Cannot delete a policy attached to entities.');
  }
  if (ctx.store.policies.listVersions(policy.arn).length > 1) {
    throw new DeleteConflictError("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
  }
  ctx.store.transaction(() => ctx.store.policies.deleteManaged(policy.arn));
}

/** Malformed ARNs are InvalidInput, well-formed unknown ones NoSuchEntity (IAM's two answers). */
export function findPolicy(ctx: IamContext, arn: string): ManagedPolicyRecord {
  if (isAwsManagedPolicyArn(ctx, arn)) {
    const aws = awsManagedPolicy(ctx, arn);
    if (!aws) throw new NoSuchEntityError(`Policy ${arn} was not found.`);
    return awsManagedRecord(ctx, aws);
  }
  return findCustomerPolicy(ctx, arn);
}

/** A policy of this account: what the calls that change a policy may name. */
export function findCustomerPolicy(ctx: IamContext, arn: string): ManagedPolicyRecord {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('policy/')) throw new InvalidInputError(`ARN ${arn} is not valid.`);
  const policy = ctx.store.policies.getManaged(arn);
  if (!policy || policy.accountId !== ctx.config.accountId) throw new NoSuchEntityError(`Policy ${arn} was not found.`);
  return policy;
}

function withUsage(ctx: IamContext, record: ManagedPolicyRecord): ManagedPolicy {
  return usageCounts(ctx)(record);
}

/** Counts this account's attachments and boundaries once, for any number of policies. */
function usageCounts(ctx: IamContext): (record: ManagedPolicyRecord) => ManagedPolicy {
  const { accountId } = ctx.config;
  const attachments = ctx.store.policies.attachmentCounts(accountId);
  const boundaries = new Map<string, number>();
  for (const role of ctx.store.roles.list(accountId)) {
    if (role.permissionsBoundary !== null) boundaries.set(role.permissionsBoundary, (boundaries.get(role.permissionsBoundary) ?? 0) + 1);
  }
  return (record) => ({
    ...record,
    attachmentCount: attachments.get(record.arn) ?? 0,
    permissionsBoundaryUsageCount: boundaries.get(record.arn) ?? 0,
    isAttachable: !isServiceRolePolicy(record),
  });
}

const listKey = (p: ManagedPolicyRecord): string => `${p.name} ${p.arn}`;

function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
