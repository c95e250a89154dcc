import type { IamContext } from './context.js';
import { ROLE_INLINE_POLICIES_QUOTA, checkPolicyDocument, policySize } from './documents.js';
import { LimitExceededError, NoSuchEntityError } from './errors.js';
import { paginate } from './paginate.js';
import type { Page, PageRequest } from './paginate.js';
import { getRole } from './roles.js';

/** An inline policy as GetRolePolicy returns it; names as stored (the role's own case). */
export interface InlinePolicy {
  roleName: string;
  policyName: string;
  document: string;
}

export interface PutRolePolicyInput {
  roleName: string;
  policyName: string;
  policyDocument: string;
}

/** PutRolePolicy creates or replaces; the role's inline policies together share one size quota. */
export function putRolePolicy(ctx: IamContext, input: PutRolePolicyInput): void {
  const role = getRole(ctx, input.roleName);
  checkPolicyDocument(input.policyDocument, 'identity');
  const { accountId } = ctx.config;
  const others = ctx.store.policies
    .listInline(accountId, role.name)
    .filter((name) => name.toLowerCase() !== input.policyName.toLowerCase())
    .reduce((sum, name) => sum + policySize(ctx.store.policies.getInline(accountId, role.name, name)?.document ?? ''), 0);
  if (others + policySize(input.policyDocument) > ROLE_INLINE_POLICIES_QUOTA) {
    throw new LimitExceededError(`Maximum policy size of ${ROLE_INLINE_POLICIES_QUOTA} bytes exceeded for role ${role.name}`);
  }
  ctx.store.policies.putInline(accountId, role.name, input.policyName, input.policyDocument);
}

export function getRolePolicy(ctx: IamContext, input: { roleName: string; policyName: string }): InlinePolicy {
  const role = getRole(ctx, input.roleName);
  const found = ctx.store.policies.getInline(ctx.config.accountId, role.name, input.policyName);
  if (!found) throw noSuchRolePolicy(input.policyName);
  return { roleName: role.name, policyName: found.policyName, document: found.document };
}

export function listRolePolicies(ctx: IamContext, input: { roleName: string } & PageRequest): Page<string> {
  const role = getRole(ctx, input.roleName);
  return paginate(ctx.store.policies.listInline(ctx.config.accountId, role.name), (name) => name, input);
}

export function deleteRolePolicy(ctx: IamContext, input: { roleName: string; policyName: string }): void {
  const role = getRole(ctx, input.roleName);
  if (!ctx.store.policies.deleteInline(ctx.config.accountId, role.name, input.policyName)) throw noSuchRolePolicy(input.policyName);
}

function noSuchRolePolicy(policyName: string): NoSuchEntityError {
  return new NoSuchEntityError(`The role policy with name ${policyName} cannot be found.`);
}
