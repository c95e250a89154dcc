import { createRole, deleteRole, getRole, listRoles } from '@eksid/core';
import type { CreateRoleInput, ListRolesInput, QueryParams } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { iamInput, pageOf } from './input.js';
import { pageXml, roleXml } from './render.js';

export function parseCreateRoleInput(params: QueryParams): CreateRoleInput {
  const i = iamInput('CreateRole', params);
  return {
    path: i.Path,
    roleName: i.RoleName,
    assumeRolePolicyDocument: i.AssumeRolePolicyDocument,
    description: i.Description,
    maxSessionDuration: i.MaxSessionDuration,
    permissionsBoundary: i.PermissionsBoundary,
    tags: i.Tags ?? [],
  };
}

/** The one-member input of GetRole and DeleteRole. */
export function parseRoleNameInput(params: QueryParams): { roleName: string } {
  return { roleName: iamInput('GetRole', params).RoleName };
}

export function parseListRolesInput(params: QueryParams): ListRolesInput {
  const i = iamInput('ListRoles', params);
  return { pathPrefix: i.PathPrefix, ...pageOf(i) };
}

export const roleActions: Record<string, QueryHandler> = {
  CreateRole: ({ ctx, params }) => ({ Role: roleXml(createRole(ctx, parseCreateRoleInput(params)), 'create') }),
  GetRole: ({ ctx, params }) => ({ Role: roleXml(getRole(ctx, parseRoleNameInput(params).roleName), 'get') }),
  ListRoles: ({ ctx, params }) => pageXml('Roles', listRoles(ctx, parseListRolesInput(params)), (r) => roleXml(r, 'list')),
  DeleteRole: ({ ctx, params }) => void deleteRole(ctx, parseRoleNameInput(params).roleName),
};
