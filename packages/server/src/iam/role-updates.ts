import { listRoleTags, tagRole, untagRole, updateAssumeRolePolicy, updateRole, updateRoleDescription } from '@eksid/core';
import type { PageRequest, QueryParams, Tag, UpdateRoleInput } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { iamInput, pageOf } from './input.js';
import { pageXml, roleXml, tagXml } from './render.js';

export function parseUpdateRoleInput(params: QueryParams): UpdateRoleInput {
  const i = iamInput('UpdateRole', params);
  return { roleName: i.RoleName, description: i.Description, maxSessionDuration: i.MaxSessionDuration };
}

export function parseUpdateRoleDescriptionInput(params: QueryParams): { roleName: string; description: string } {
  const i = iamInput('UpdateRoleDescription', params);
  return { roleName: i.RoleName, description: i.Description };
}

export function parseUpdateAssumeRolePolicyInput(params: QueryParams): { roleName: string; policyDocument: string } {
  const i = iamInput('UpdateAssumeRolePolicy', params);
  return { roleName: i.RoleName, policyDocument: i.PolicyDocument };
}

export function parseTagRoleInput(params: QueryParams): { roleName: string; tags: Tag[] } {
  const i = iamInput('TagRole', params);
  return { roleName: i.RoleName, tags: i.Tags };
}

export function parseUntagRoleInput(params: QueryParams): { roleName: string; tagKeys: string[] } {
  const i = iamInput('UntagRole', params);
  return { roleName: i.RoleName, tagKeys: i.TagKeys };
}

export function parseListRoleTagsInput(params: QueryParams): { roleName: string } & PageRequest {
  const i = iamInput('ListRoleTags', params);
  return { roleName: i.RoleName, ...pageOf(i) };
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
