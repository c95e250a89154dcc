import { newRoleId, roleArn } from '../ids/index.js';
import type { RoleRecord, Tag } from '../store/index.js';
import type { IamContext } from './context.js';
import { checkTrustPolicy } from './documents.js';
import { EntityAlreadyExistsError, DeleteConflictError, NoSuchEntityError } from './errors.js';
import { isAttachablePolicy } from './managed-arns.js';
import { paginate } from './paginate.js';
import type { Page, PageRequest } from './paginate.js';
import { checkUniqueTagKeys } from './tags.js';

/** CreateRole's default MaxSessionDuration: one hour. */
const DEFAULT_MAX_SESSION_DURATION = 3600;

export interface CreateRoleInput {
  roleName: string;
  assumeRolePolicyDocument: string;
  path?: string | undefined;
  description?: string | undefined;
  maxSessionDuration?: number | undefined;
  permissionsBoundary?: string | undefined;
  tags?: Tag[] | undefined;
}

export function createRole(ctx: IamContext, input: CreateRoleInput): RoleRecord {
  const { accountId, partition } = ctx.config;
  // IAM names are unique case-insensitively; the roles table compares names with NOCASE.
  if (ctx.store.roles.get(accountId, input.roleName)) throw new EntityAlreadyExistsError(`Role with name ${input.roleName} already exists.`);
  checkTrustPolicy(ctx, input.assumeRolePolicyDocument);
  checkUniqueTagKeys(input.tags ?? []);
  if (input.permissionsBoundary !== undefined) checkBoundary(ctx, input.permissionsBoundary);
  const path = input.path ?? '/';
  const role: RoleRecord = {
    accountId,
    name: input.roleName,
    roleId: newRoleId(ctx.deps.random, accountId),
    path,
    arn: roleArn(partition, accountId, path, input.roleName),
    assumeRolePolicy: input.assumeRolePolicyDocument,
    description: input.description ?? null,
    maxSessionDuration: input.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
    permissionsBoundary: input.permissionsBoundary ?? null,
    tags: input.tags ?? [],
    createdAt: ctx.deps.clock.now(),
  };
  ctx.store.roles.put(role);
  return role;
}

/** The role by name (any case), or NoSuchEntity in IAM's words. */
export function getRole(ctx: IamContext, roleName: string): RoleRecord {
  const role = ctx.store.roles.get(ctx.config.accountId, roleName);
  if (!role) throw new NoSuchEntityError(`The role with name ${roleName} cannot be found.`);
  return role;
}

export interface ListRolesInput extends PageRequest {
  pathPrefix?: string | undefined;
}

export function listRoles(ctx: IamContext, input: ListRolesInput = {}): Page<RoleRecord> {
  return paginate(ctx.store.roles.list(ctx.config.accountId, input.pathPrefix ?? '/'), (r) => r.name, input);
}

/**
 * IAM refuses to delete a role that is still in an instance profile or still has inline or
 * attached policies (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_delete.html#roles-managingrole-deleting-api);
 * the instance profile message as IAM words it (cloud-custodian/cloud-custodian#6340).
 */
export function deleteRole(ctx: IamContext, roleName: string): void {
  const role = getRole(ctx, roleName);
  const { accountId } = ctx.config;
  if (ctx.store.instanceProfiles.forRole(accountId, role.name).length > 0) throw new DeleteConflictError('Cannot delete entity, must remove roles from instance profile first.');
  if (ctx.store.policies.listInline(accountId, role.name).length > 0) throw new DeleteConflictError('Cannot delete entity, must delete policies first.');
  if (ctx.store.policies.attachedToRole(accountId, role.name).length > 0) throw new DeleteConflictError('Cannot delete entity, must detach all policies first.');
  ctx.store.roles.delete(accountId, role.name);
}

/** IAM's wording when a permissions boundary names no attachable policy. */
export function checkBoundary(ctx: IamContext, arn: string): void {
  if (!isAttachablePolicy(ctx, arn)) throw new NoSuchEntityError(`Scope ARN: ${arn} does not exist or is not attachable.`);
}
