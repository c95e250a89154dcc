import { listPolicyTags, tagPolicy, untagPolicy } from '@eksid/core';
import type { PageRequest, QueryParams, Tag } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { iamInput, pageOf } from './input.js';
import { pageXml, tagXml } from './render.js';

export function parseTagPolicyInput(params: QueryParams): { policyArn: string; tags: Tag[] } {
  const i = iamInput('TagPolicy', params);
  return { policyArn: i.PolicyArn, tags: i.Tags };
}

export function parseUntagPolicyInput(params: QueryParams): { policyArn: string; tagKeys: string[] } {
  const i = iamInput('UntagPolicy', params);
  return { policyArn: i.PolicyArn, tagKeys: i.TagKeys };
}

export function parseListPolicyTagsInput(params: QueryParams): { policyArn: string } & PageRequest {
  const i = iamInput('ListPolicyTags', params);
  return { policyArn: i.PolicyArn, ...pageOf(i) };
}

export const policyTagActions: Record<string, QueryHandler> = {
  TagPolicy: ({ ctx, params }) => void tagPolicy(ctx, parseTagPolicyInput(params)),
  UntagPolicy: ({ ctx, params }) => void untagPolicy(ctx, parseUntagPolicyInput(params)),
  ListPolicyTags: ({ ctx, params }) => pageXml('Tags', listPolicyTags(ctx, parseListPolicyTagsInput(params)), tagXml),
};
