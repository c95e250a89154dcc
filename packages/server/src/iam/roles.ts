import { createRole, deleteRole, getRole, listRoles } from '@eksid/core';
import type { CreateRoleInput, ListRolesInput, QueryParams } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { Constraints } from './constraints.js';
import { pageXml, roleXml } from './render.js';
import { ARN, MAX_SESSION_DURATION, PATH, PATH_PREFIX, POLICY_DOCUMENT, ROLE_DESCRIPTION, ROLE_NAME } from '@eksid/core';
import { page } from './rules.js';

export function parseCreateRoleInput(params: QueryParams): CreateRoleInput {
  const c = new Constraints(params);
  const input: CreateRoleInput = {
    path: c.optional('Path', PATH),
    roleName: c.required('RoleName', ROLE_NAME),
    assumeRolePolicyDocument: c.required('AssumeRolePolicyDocument', POLICY_DOCUMENT),
    description: c.optional('Description', ROLE_DESCRIPTION),
    maxSessionDuration: c.integer('MaxSessionDuration', MAX_SESSION_DURATION),
    permissionsBoundary: c.optional('PermissionsBoundary', ARN),
    tags: c.tags(),
  };
  c.done();
  return input;
}

/** The one-member input of GetRole and DeleteRole. */
export function parseRoleNameInput(params: QueryParams): { roleName: string } {
  const c = new Constraints(params);
  const roleName = c.required('RoleName', ROLE_NAME);
  c.done();
  return { roleName };
}

export function parseListRolesInput(params: QueryParams): ListRolesInput {
  const c = new Constraints(params);
  const input = { pathPrefix: c.optional('PathPrefix', PATH_PREFIX), ...page(c) };
  c.done();
  return input;
}

export const roleActions: Record<string, QueryHandler> = {
  CreateRole: ({ ctx, params }) => ({ Role: roleXml(createRole(ctx, parseCreateRoleInput(params)), 'create') }),
  GetRole: ({ ctx, params }) => ({ Role: roleXml(getRole(ctx, parseRoleNameInput(params).roleName), 'get') }),
  ListRoles: ({ ctx, params }) => pageXml('Roles', listRoles(ctx, parseListRolesInput(params)), (r) => roleXml(r, 'list')),
  DeleteRole: ({ ctx, params }) => void deleteRole(ctx, parseRoleNameInput(params).roleName),
};
