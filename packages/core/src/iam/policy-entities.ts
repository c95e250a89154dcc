import type { RoleRecord } from '../store/index.js';
import type { IamContext } from './context.js';
import { findPolicy } from './managed-policies.js';
import { paginate } from './paginate.js';
import type { Page, PageRequest } from './paginate.js';

export interface ListEntitiesForPolicyInput extends PageRequest {
  policyArn: string;
  entityFilter?: 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy' | undefined;
  pathPrefix?: string | undefined;
  policyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary' | undefined;
}

/**
 * ListEntitiesForPolicy (API_ListEntitiesForPolicy.html): the roles a managed policy is attached
 * to (PermissionsPolicy) or is the permissions boundary of (PermissionsBoundary); without
 * PolicyUsageFilter, both. eksid has no users or groups, so an EntityFilter other than Role
 * (User, Group; the policy kinds, which name no entity) finds nothing. Roles by name, paged
 * with Marker/MaxItems; the policy must exist (NoSuchEntity, as GetPolicy).
 */
export function listEntitiesForPolicy(ctx: IamContext, input: ListEntitiesForPolicyInput): Page<RoleRecord> {
  const policy = findPolicy(ctx, input.policyArn);
  if (input.entityFilter !== undefined && input.entityFilter !== 'Role') return { items: [], isTruncated: false };
  const { accountId } = ctx.config;
  const attached = new Set(input.policyUsageFilter === 'PermissionsBoundary' ? [] : ctx.store.policies.rolesAttachedTo(accountId, policy.arn));
  const boundedToo = input.policyUsageFilter !== 'PermissionsPolicy';
  const roles = ctx.store.roles
    .list(accountId, input.pathPrefix ?? '/')
    .filter((r) => attached.has(r.name) || (boundedToo && r.permissionsBoundary === policy.arn));
  return paginate(roles, (r) => r.name, input);
}
