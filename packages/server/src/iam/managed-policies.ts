import { createPolicy, deletePolicy, getPolicy, listPolicies } from '@eksid/core';
import type { CreatePolicyInput, ListPoliciesInput, QueryParams } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { iamInput, pageOf } from './input.js';
import { pageXml, policyXml } from './render.js';

export function parseCreatePolicyInput(params: QueryParams): CreatePolicyInput {
  const i = iamInput('CreatePolicy', params);
  return { policyName: i.PolicyName, path: i.Path, policyDocument: i.PolicyDocument, description: i.Description, tags: i.Tags ?? [] };
}

/** GetPolicy and DeletePolicy take only the ARN. */
export function parsePolicyArnInput(params: QueryParams): { policyArn: string } {
  return { policyArn: iamInput('GetPolicy', params).PolicyArn };
}

export function parseListPoliciesInput(params: QueryParams): ListPoliciesInput {
  const i = iamInput('ListPolicies', params);
  return { scope: i.Scope, onlyAttached: i.OnlyAttached, pathPrefix: i.PathPrefix, policyUsageFilter: i.PolicyUsageFilter, ...pageOf(i) };
}

export const managedPolicyActions: Record<string, QueryHandler> = {
  CreatePolicy: ({ ctx, params }) => ({ Policy: policyXml(createPolicy(ctx, parseCreatePolicyInput(params)), 'create') }),
  GetPolicy: ({ ctx, params }) => ({ Policy: policyXml(getPolicy(ctx, parsePolicyArnInput(params).policyArn), 'get') }),
  ListPolicies: ({ ctx, params }) => pageXml('Policies', listPolicies(ctx, parseListPoliciesInput(params)), (p) => policyXml(p, 'list')),
  DeletePolicy: ({ ctx, params }) => void deletePolicy(ctx, parsePolicyArnInput(params).policyArn),
};
