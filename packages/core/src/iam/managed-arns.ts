import { parseArn } from '../ids/index.js';
import type { ManagedPolicyRecord } from '../store/index.js';
import type { AwsManagedPolicy } from './aws-managed/catalogue.js';
import { isKnownAwsManagedPolicy } from './aws-managed/known.js';
import { awsManagedCatalogue } from './aws-managed/load.js';
import type { IamContext } from './context.js';

/** Whether `arn` has the form of an AWS managed policy ARN (arn:aws:iam::aws:policy/...), known or not. */
export function isAwsManagedPolicyArn(ctx: Pick<IamContext, 'config'>, arn: string): boolean {
  const parsed = parseArn(arn);
  return parsed !== undefined && parsed.partition === ctx.config.partition && parsed.service === 'iam' && parsed.account === 'aws' && /^policy\/.+/.test(parsed.resource);
}

/** Whether `arn` names an AWS managed policy that AWS has; reads only the index, never the documents. */
export function isKnownAwsManagedPolicyArn(ctx: Pick<IamContext, 'config'>, arn: string): boolean {
  return isAwsManagedPolicyArn(ctx, arn) && isKnownAwsManagedPolicy(resourceOf(arn));
}

/**
 * The AWS managed policy `arn` names, from the catalogue (aws-managed/load.ts); undefined for
 * any other ARN, including one of that form that AWS does not have. The catalogue is read only
 * when a policy AWS has is asked about.
 */
export function awsManagedPolicy(ctx: Pick<IamContext, 'config'>, arn: string): AwsManagedPolicy | undefined {
  return isKnownAwsManagedPolicyArn(ctx, arn) ? awsManagedCatalogue().get(resourceOf(arn)) : undefined;
}

// arn:aws:iam::aws:policy/service-role/X → policy/service-role/X
function resourceOf(arn: string): string {
  return arn.slice(arn.indexOf(':policy/') + 1);
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
  return ctx.store.policies.getManaged(arn)?.accountId === ctx.config.accountId || isKnownAwsManagedPolicyArn(ctx, arn);
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

/** The path of a policy ARN: arn:aws:iam::aws:policy/service-role/X → /service-role/. */
export function pathOfPolicyArn(arn: string): string {
  const resource = resourceOf(arn);
  return resource.slice('policy'.length, resource.lastIndexOf('/') + 1);
}

/** PolicyName of an ARN: its last path segment (arn:aws:iam::aws:policy/service-role/X → X). */
export function policyNameOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
