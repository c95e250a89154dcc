import { listRoleTags, tagRole, untagRole, updateAssumeRolePolicy, updateRole, updateRoleDescription } from '@eksid/core';
import type { PageRequest, QueryParams, Tag, UpdateRoleInput } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { Constraints } from './constraints.js';
import { pageXml, roleXml, tagXml } from './render.js';
import { MAX_SESSION_DURATION, POLICY_DOCUMENT, ROLE_DESCRIPTION, ROLE_NAME, TAG_KEY } from '@eksid/core';
import { page } from './rules.js';

export function parseUpdateRoleInput(params: QueryParams): UpdateRoleInput {
  const c = new Constraints(params);
  const input = {
    roleName: c.required('RoleName', ROLE_NAME),
    description: c.optional('Description', ROLE_DESCRIPTION),
    maxSessionDuration: c.integer('MaxSessionDuration', MAX_SESSION_DURATION),
  };
  c.done();
  return input;
}

export function parseUpdateRoleDescriptionInput(params: QueryParams): { roleName: string; description: string } {
  const c = new Constraints(params);
  const input = { roleName: c.required('RoleName', ROLE_NAME), description: c.required('Description', ROLE_DESCRIPTION) };
  c.done();
  return input;
}

export function parseUpdateAssumeRolePolicyInput(params: QueryParams): { roleName: string; policyDocument: string } {
  const c = new Constraints(params);
  const input = { roleName: c.required('RoleName', ROLE_NAME), policyDocument: c.required('PolicyDocument', POLICY_DOCUMENT) };
  c.done();
  return input;
}

export function parseTagRoleInput(params: QueryParams): { roleName: string; tags: Tag[] } {
  const c = new Constraints(params);
  const input = { roleName: c.required('RoleName', ROLE_NAME), tags: c.tags('Tags', { required: true }) };
  c.done();
  return input;
}

export function parseUntagRoleInput(params: QueryParams): { roleName: string; tagKeys: string[] } {
  const c = new Constraints(params);
  const input = { roleName: c.required('RoleName', ROLE_NAME), tagKeys: c.list('TagKeys', TAG_KEY, { max: 50, required: true }) };
  c.done();
  return input;
}

export function parseListRoleTagsInput(params: QueryParams): { roleName: string } & PageRequest {
  const c = new Constraints(params);
  const input = { roleName: c.required('RoleName', ROLE_NAME), ...page(c) };
  c.done();
  return input;
}

export const roleUpdateActions: Record<string, QueryHandler> = {
  // UpdateRoleResponse is an empty structure: an empty <UpdateRoleResult/>.
  UpdateRole: ({ ctx, params }) => (updateRole(ctx, parseUpdateRoleInput(params)), {}),
  UpdateRoleDescription: ({ ctx, params }) => ({ Role: roleXml(updateRoleDescription(ctx, parseUpdateRoleDescriptionInput(params)), 'get') }),
  UpdateAssumeRolePolicy: ({ ctx, params }) => void updateAssumeRolePolicy(ctx, parseUpdateAssumeRolePolicyInput(params)),
  TagRole: ({ ctx, params }) => void tagRole(ctx, parseTagRoleInput(params)),
  UntagRole: ({ ctx, params }) => void untagRole(ctx, parseUntagRoleInput(params)),
  ListRoleTags: ({ ctx, params }) => pageXml('Tags', listRoleTags(ctx, parseListRoleTagsInput(params)), tagXml),
};
