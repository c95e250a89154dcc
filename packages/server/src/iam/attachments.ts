import { attachRolePolicy, detachRolePolicy, listAttachedRolePolicies } from '@eksid/core';
import type { ListAttachedRolePoliciesInput, QueryParams } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { iamInput, pageOf } from './input.js';
import { pageXml } from './render.js';

/** AttachRolePolicy and DetachRolePolicy take the same two members. */
export function parseRolePolicyArnInput(params: QueryParams): { roleName: string; policyArn: string } {
  const i = iamInput('AttachRolePolicy', params);
  return { roleName: i.RoleName, policyArn: i.PolicyArn };
}

export function parseListAttachedRolePoliciesInput(params: QueryParams): ListAttachedRolePoliciesInput {
  const i = iamInput('ListAttachedRolePolicies', params);
  return { roleName: i.RoleName, pathPrefix: i.PathPrefix, ...pageOf(i) };
}

export const attachmentActions: Record<string, QueryHandler> = {
  AttachRolePolicy: ({ ctx, params }) => void attachRolePolicy(ctx, parseRolePolicyArnInput(params)),
  DetachRolePolicy: ({ ctx, params }) => void detachRolePolicy(ctx, parseRolePolicyArnInput(params)),
  ListAttachedRolePolicies: ({ ctx, params }) =>
    pageXml('AttachedPolicies', listAttachedRolePolicies(ctx, parseListAttachedRolePoliciesInput(params)), (p) => ({ PolicyName: p.policyName, PolicyArn: p.policyArn })),
};
