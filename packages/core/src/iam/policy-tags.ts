import type { Tag } from '../store/index.js';
import type { IamContext } from './context.js';
import { findCustomerPolicy, findPolicy } from './managed-policies.js';
import { paginate } from './paginate.js';
import type { Page, PageRequest } from './paginate.js';
import { mergeTags, removeTags } from './tags.js';

/**
 * TagPolicy/UntagPolicy/ListPolicyTags: a customer managed policy's tags, by the rules TagRole
 * has (tags.ts). AWS managed policies cannot be changed: Tag/UntagPolicy look in this account
 * only and answer NoSuchEntity for them, as the policy-version calls do (IAM's own answer is
 * not documented); ListPolicyTags lists their (no) tags.
 */
export function tagPolicy(ctx: IamContext, input: { policyArn: string; tags: Tag[] }): void {
  const policy = findCustomerPolicy(ctx, input.policyArn);
  ctx.store.policies.setManagedTags(policy.arn, mergeTags(policy.tags, input.tags));
}

export function untagPolicy(ctx: IamContext, input: { policyArn: string; tagKeys: string[] }): void {
  const policy = findCustomerPolicy(ctx, input.policyArn);
  ctx.store.policies.setManagedTags(policy.arn, removeTags(policy.tags, input.tagKeys));
}

export function listPolicyTags(ctx: IamContext, input: { policyArn: string } & PageRequest): Page<Tag> {
  return paginate(findPolicy(ctx, input.policyArn).tags, (t) => t.Key, input);
}
