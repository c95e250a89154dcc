import { createPolicy, deletePolicy, getPolicy, listPolicies } from '@eksid/core';
import type { CreatePolicyInput, ListPoliciesInput, QueryParams } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { Constraints } from './constraints.js';
import { pageXml, policyXml } from './render.js';
import { ARN, POLICY_DESCRIPTION, POLICY_DOCUMENT, POLICY_NAME, POLICY_PATH } from '@eksid/core';
import { page } from './rules.js';

export function parseCreatePolicyInput(params: QueryParams): CreatePolicyInput {
  const c = new Constraints(params);
  const input = {
    policyName: c.required('PolicyName', POLICY_NAME),
    path: c.optional('Path', POLICY_PATH),
    policyDocument: c.required('PolicyDocument', POLICY_DOCUMENT),
    description: c.optional('Description', POLICY_DESCRIPTION),
    tags: c.tags(),
  };
  c.done();
  return input;
}

/** GetPolicy and DeletePolicy take only the ARN. */
export function parsePolicyArnInput(params: QueryParams): { policyArn: string } {
  const c = new Constraints(params);
  const policyArn = c.required('PolicyArn', ARN);
  c.done();
  return { policyArn };
}

export function parseListPoliciesInput(params: QueryParams): ListPoliciesInput {
  const c = new Constraints(params);
  const input = {
    scope: c.oneOf('Scope', ['All', 'AWS', 'Local'] as const),
    onlyAttached: c.boolean('OnlyAttached'),
    pathPrefix: c.optional('PathPrefix', POLICY_PATH),
    policyUsageFilter: c.oneOf('PolicyUsageFilter', ['PermissionsPolicy', 'PermissionsBoundary'] as const),
    ...page(c),
  };
  c.done();
  return input;
}

export const managedPolicyActions: Record<string, QueryHandler> = {
  CreatePolicy: ({ ctx, params }) => ({ Policy: policyXml(createPolicy(ctx, parseCreatePolicyInput(params)), 'create') }),
  GetPolicy: ({ ctx, params }) => ({ Policy: policyXml(getPolicy(ctx, parsePolicyArnInput(params).policyArn), 'get') }),
  ListPolicies: ({ ctx, params }) => pageXml('Policies', listPolicies(ctx, parseListPoliciesInput(params)), (p) => policyXml(p, 'list')),
  DeletePolicy: ({ ctx, params }) => void deletePolicy(ctx, parsePolicyArnInput(params).policyArn),
};
