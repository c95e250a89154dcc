import { deleteRolePolicy, getRolePolicy, listRolePolicies, putRolePolicy } from '@eksid/core';
import type { PageRequest, PutRolePolicyInput, QueryParams } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { Constraints } from './constraints.js';
import { encodeDocument, pageXml } from './render.js';
import { POLICY_DOCUMENT, POLICY_NAME, ROLE_NAME } from '@eksid/core';
import { page } from './rules.js';

export function parsePutRolePolicyInput(params: QueryParams): PutRolePolicyInput {
  const c = new Constraints(params);
  const input = {
    roleName: c.required('RoleName', ROLE_NAME),
    policyName: c.required('PolicyName', POLICY_NAME),
    policyDocument: c.required('PolicyDocument', POLICY_DOCUMENT),
  };
  c.done();
  return input;
}

/** GetRolePolicy and DeleteRolePolicy take the same two members. */
export function parseRolePolicyInput(params: QueryParams): { roleName: string; policyName: string } {
  const c = new Constraints(params);
  const input = { roleName: c.required('RoleName', ROLE_NAME), policyName: c.required('PolicyName', POLICY_NAME) };
  c.done();
  return input;
}

export function parseListRolePoliciesInput(params: QueryParams): { roleName: string } & PageRequest {
  const c = new Constraints(params);
  const input = { roleName: c.required('RoleName', ROLE_NAME), ...page(c) };
  c.done();
  return input;
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
