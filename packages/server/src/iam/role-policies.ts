import { deleteRolePolicy, getRolePolicy, listRolePolicies, putRolePolicy } from '@eksid/core';
import type { PageRequest, PutRolePolicyInput, QueryParams } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { iamInput, pageOf } from './input.js';
import { encodeDocument, pageXml } from './render.js';

export function parsePutRolePolicyInput(params: QueryParams): PutRolePolicyInput {
  const i = iamInput('PutRolePolicy', params);
  return { roleName: i.RoleName, policyName: i.PolicyName, policyDocument: i.PolicyDocument };
}

/** GetRolePolicy and DeleteRolePolicy take the same two members. */
export function parseRolePolicyInput(params: QueryParams): { roleName: string; policyName: string } {
  const i = iamInput('GetRolePolicy', params);
  return { roleName: i.RoleName, policyName: i.PolicyName };
}

export function parseListRolePoliciesInput(params: QueryParams): { roleName: string } & PageRequest {
  const i = iamInput('ListRolePolicies', params);
  return { roleName: i.RoleName, ...pageOf(i) };
}

export const rolePolicyActions: Record<string, QueryHandler> = {
  PutRolePolicy: ({ ctx, params }) => void putRolePolicy(ctx, parsePutRolePolicyInput(params)),
  GetRolePolicy: ({ ctx, params }) => {
    const policy = getRolePolicy(ctx, parseRolePolicyInput(params));
    return { RoleName: policy.roleName, PolicyName: policy.policyName, PolicyDocument: encodeDocument(policy.document) };
  },
  ListRolePolicies: ({ ctx, params }) => pageXml('PolicyNames', listRolePolicies(ctx, parseListRolePoliciesInput(params)), (name) => name),
  DeleteRolePolicy: ({ ctx, params }) => void deleteRolePolicy(ctx, parseRolePolicyInput(params)),
};
