import { parseArn } from '../ids/index.js';
import type { IamContext } from './context.js';

/**
 * AWS managed policies (arn:aws:iam::aws:policy/...) exist in every real account, but eksid
 * cannot know the whole catalogue, so any ARN of that form is taken as an existing,
 * attachable AWS managed policy. Customer managed policies must be in the store.
 */
export function isAwsManagedPolicyArn(ctx: IamContext, arn: string): boolean {
  const parsed = parseArn(arn);
  return parsed !== undefined && parsed.partition === ctx.config.partition && parsed.service === 'iam' && parsed.account === 'aws' && /^policy\/.+/.test(parsed.resource);
}

/** A policy that AttachRolePolicy or a permissions boundary may name. */
export function isAttachablePolicy(ctx: IamContext, arn: string): boolean {
  return isAwsManagedPolicyArn(ctx, arn) || ctx.store.policies.getManaged(arn)?.accountId === ctx.config.accountId;
}

/** PolicyName of an ARN: its last path segment (arn:aws:iam::aws:policy/service-role/X → X). */
export function policyNameOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
