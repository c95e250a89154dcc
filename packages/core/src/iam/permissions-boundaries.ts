import type { IamContext } from './context.js';
import { checkBoundary, getRole } from './roles.js';

/**
 * PutRolePermissionsBoundary: sets or replaces the role's boundary. The policy must exist and be
 * attachable, as for CreateRole's PermissionsBoundary (an unknown AWS managed ARN included).
 * A session's permissions read the role's boundary when they are evaluated
 * (sts/caller-policies.ts), so the change bounds sessions issued before it too, as in IAM.
 */
export function putRolePermissionsBoundary(ctx: IamContext, input: { roleName: string; permissionsBoundary: string }): void {
  const role = getRole(ctx, input.roleName);
  checkBoundary(ctx, input.permissionsBoundary);
  ctx.store.roles.put({ ...role, permissionsBoundary: input.permissionsBoundary });
}

/** DeleteRolePermissionsBoundary: removes the boundary; a role without one is left as it is. */
export function deleteRolePermissionsBoundary(ctx: IamContext, input: { roleName: string }): void {
  const role = getRole(ctx, input.roleName);
  if (role.permissionsBoundary !== null) ctx.store.roles.put({ ...role, permissionsBoundary: null });
}
