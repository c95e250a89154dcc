import type { RoleRecord, Tag } from '../store/index.js';
import type { IamContext } from './context.js';
import { checkTrustPolicy } from './documents.js';
import { paginate } from './paginate.js';
import type { Page, PageRequest } from './paginate.js';
import { getRole } from './roles.js';
import { mergeTags, removeTags } from './tags.js';

export interface UpdateRoleInput {
  roleName: string;
  description?: string | undefined;
  maxSessionDuration?: number | undefined;
}

/** UpdateRole: only the fields given change (an empty Description clears it, as in IAM). */
export function updateRole(ctx: IamContext, input: UpdateRoleInput): RoleRecord {
  const role = getRole(ctx, input.roleName);
  const updated: RoleRecord = {
    ...role,
    description: input.description === undefined ? role.description : input.description || null,
    maxSessionDuration: input.maxSessionDuration ?? role.maxSessionDuration,
  };
  ctx.store.roles.put(updated);
  return updated;
}

/** UpdateRoleDescription: the older single-field form; returns the updated role. */
export function updateRoleDescription(ctx: IamContext, input: { roleName: string; description: string }): RoleRecord {
  return updateRole(ctx, input);
}

/** UpdateAssumeRolePolicy: the new trust policy is checked like CreateRole's. */
export function updateAssumeRolePolicy(ctx: IamContext, input: { roleName: string; policyDocument: string }): void {
  const role = getRole(ctx, input.roleName);
  checkTrustPolicy(ctx, input.policyDocument);
  ctx.store.roles.put({ ...role, assumeRolePolicy: input.policyDocument });
}

export function tagRole(ctx: IamContext, input: { roleName: string; tags: Tag[] }): void {
  const role = getRole(ctx, input.roleName);
  ctx.store.roles.put({ ...role, tags: mergeTags(role.tags, input.tags) });
}

export function untagRole(ctx: IamContext, input: { roleName: string; tagKeys: string[] }): void {
  const role = getRole(ctx, input.roleName);
  ctx.store.roles.put({ ...role, tags: removeTags(role.tags, input.tagKeys) });
}

export function listRoleTags(ctx: IamContext, input: { roleName: string } & PageRequest): Page<Tag> {
  return paginate(getRole(ctx, input.roleName).tags, (t) => t.Key, input);
}
