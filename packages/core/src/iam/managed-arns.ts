import { parseArn } from '../ids/index.js';
import type { ManagedPolicyRecord } from '../store/index.js';
import type { AwsManagedPolicy } from './aws-managed/catalogue.js';
import { awsManagedCatalogue } from './aws-managed/load.js';
import type { IamContext } from './context.js';

/** Whether `arn` has the form of an AWS managed policy ARN (arn:aws:iam::aws:policy/...), known or not. */
export function isAwsManagedPolicyArn(ctx: Pick<IamContext, 'config'>, arn: string): boolean {
  const parsed = parseArn(arn);
  return parsed !== undefined && parsed.partition === ctx.config.partition && parsed.service === 'iam' && parsed.account === 'aws' && /^policy\/.+/.test(parsed.resource);
}

/**
 * The AWS managed policy `arn` names, from the catalogue (aws-managed/load.ts); undefined for
 * any other ARN, including one of that form that AWS does not have. The catalogue is read only
 * when an ARN of that form is asked about.
 */
export function awsManagedPolicy(ctx: Pick<IamContext, 'config'>, arn: string): AwsManagedPolicy | undefined {
  if (!isAwsManagedPolicyArn(ctx, arn)) return undefined;
  return awsManagedCatalogue().get(arn.slice(arn.indexOf(':policy/') + 1));
}

/** An AWS managed policy in the record shape customer managed policies have (account `aws`). */
export function awsManagedRecord(ctx: Pick<IamContext, 'config'>, policy: AwsManagedPolicy): ManagedPolicyRecord {
  return {
    arn: `arn:${ctx.config.partition}:iam::aws:${policy.resource}`,
    accountId: 'aws',
    name: policy.name,
    policyId: policy.policyId,
    path: policy.path,
    description: null,
    document: policy.versions.find((v) => v.versionId === policy.defaultVersionId)?.document ?? '',
    defaultVersionId: policy.defaultVersionId,
    tags: [],
    createdAt: policy.createdAt,
    updatedAt: policy.updatedAt,
  };
}

/** A policy that AttachRolePolicy or a permissions boundary may name: an AWS managed one AWS has, or one of this account's. */
export function isAttachablePolicy(ctx: IamContext, arn: string): boolean {
  return ctx.store.policies.getManaged(arn)?.accountId === ctx.config.accountId || awsManagedPolicy(ctx, arn) !== undefined;
}

/**
 * The document of the managed policy `arn` (its default version) as a role's permissions see
 * it: this store's customer managed policies, then the AWS managed catalogue.
 */
export function managedPolicyDocument(ctx: Pick<IamContext, 'config' | 'store'>, arn: string): string | undefined {
  const customer = ctx.store.policies.getManaged(arn);
  if (customer) return customer.document;
  const aws = awsManagedPolicy(ctx, arn);
  return aws && awsManagedRecord(ctx, aws).document;
}

/**
 * AWS service role policies (path /aws-service-role/) belong to service-linked roles: IAM lists
 * them IsAttachable false and refuses to attach them with PolicyNotAttachable (aws/aws-cdk#6131).
 */
export function isServiceRolePolicy(policy: { path: string }): boolean {
  return policy.path === '/aws-service-role/';
}

/** PolicyName of an ARN: its last path segment (arn:aws:iam::aws:policy/service-role/X → X). */
export function policyNameOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
