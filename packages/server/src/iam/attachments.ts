import { attachRolePolicy, detachRolePolicy, listAttachedRolePolicies } from '@eksid/core';
import type { ListAttachedRolePoliciesInput, QueryParams } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { Constraints } from './constraints.js';
import { pageXml } from './render.js';
import { ARN, POLICY_PATH, ROLE_NAME } from '@eksid/core';
import { page } from './rules.js';

/** AttachRolePolicy and DetachRolePolicy take the same two members. */
export function parseRolePolicyArnInput(params: QueryParams): { roleName: string; policyArn: string } {
  const c = new Constraints(params);
  const input = { roleName: c.required('RoleName', ROLE_NAME), policyArn: c.required('PolicyArn', ARN) };
  c.done();
  return input;
}

export function parseListAttachedRolePoliciesInput(params: QueryParams): ListAttachedRolePoliciesInput {
  const c = new Constraints(params);
  const input = { roleName: c.required('RoleName', ROLE_NAME), pathPrefix: c.optional('PathPrefix', POLICY_PATH), ...page(c) };
  c.done();
  return input;
}

export const attachmentActions: Record<string, QueryHandler> = {
  AttachRolePolicy: ({ ctx, params }) => void attachRolePolicy(ctx, parseRolePolicyArnInput(params)),
  DetachRolePolicy: ({ ctx, params }) => void detachRolePolicy(ctx, parseRolePolicyArnInput(params)),
  ListAttachedRolePolicies: ({ ctx, params }) =>
    pageXml('AttachedPolicies', listAttachedRolePolicies(ctx, parseListAttachedRolePoliciesInput(params)), (p) => ({ PolicyName: p.policyName, PolicyArn: p.policyArn })),
};
