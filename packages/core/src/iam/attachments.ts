import { parseArn } from '../ids/index.js';
import type { IamContext } from './context.js';
import { InvalidInputError, LimitExceededError, NoSuchEntityError, PolicyNotAttachableError } from './errors.js';
import { isAttachablePolicy, isAwsManagedPolicyArn, isServiceRolePolicy, pathOfPolicyArn, policyNameOfArn } from './managed-arns.js';
import { paginate } from './paginate.js';
import type { Page, PageRequest } from './paginate.js';
import { getRole } from './roles.js';

/**
 * Default quota of managed policies attached to one role
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entities).
 */
const MAX_POLICIES_PER_ROLE = 10;

export interface AttachedPolicy {
  policyName: string;
  policyArn: string;
}

export function attachRolePolicy(ctx: IamContext, input: { roleName: string; policyArn: string }): void {
  const role = getRole(ctx, input.roleName);
  checkPolicyArn(input.policyArn);
  if (!isAttachablePolicy(ctx, input.policyArn)) throw new NoSuchEntityError(`Policy ${input.policyArn} does not exist or is not attachable.`);
  if (isAwsManagedPolicyArn(ctx, input.policyArn) && isServiceRolePolicy({ path: pathOfPolicyArn(input.policyArn) })) throw new PolicyNotAttachableError('Cannot attach a Service Role Policy to a Customer Role.');
  const { accountId } = ctx.config;
  const attached = ctx.store.policies.attachedToRole(accountId, role.name);
  if (attached.includes(input.policyArn)) return; // attaching twice is a no-op in IAM
  if (attached.length >= MAX_POLICIES_PER_ROLE) throw new LimitExceededError(`Cannot exceed quota for PoliciesPerRole: ${MAX_POLICIES_PER_ROLE}`);
  ctx.store.policies.attach(accountId, role.name, input.policyArn);
}

export function detachRolePolicy(ctx: IamContext, input: { roleName: string; policyArn: string }): void {
  const role = getRole(ctx, input.roleName);
  checkPolicyArn(input.policyArn);
  if (!ctx.store.policies.detach(ctx.config.accountId, role.name, input.policyArn)) throw new NoSuchEntityError(`Policy ${input.policyArn} was not found.`);
}

export interface ListAttachedRolePoliciesInput extends PageRequest {
  roleName: string;
  pathPrefix?: string | undefined;
}

/** Attached policies (customer and AWS managed) whose path starts with pathPrefix, by ARN. */
export function listAttachedRolePolicies(ctx: IamContext, input: ListAttachedRolePoliciesInput): Page<AttachedPolicy> {
  const role = getRole(ctx, input.roleName);
  const prefix = input.pathPrefix ?? '/';
  const attached = ctx.store.policies
    .attachedToRole(ctx.config.accountId, role.name)
    .filter((arn) => pathOfPolicyArn(arn).startsWith(prefix))
    .map((arn) => ({ policyName: policyNameOfArn(arn), policyArn: arn }));
  return paginate(attached, (p) => p.policyArn, input);
}

function checkPolicyArn(arn: string): void {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('policy/')) throw new InvalidInputError(`ARN ${arn} is not valid.`);
}
