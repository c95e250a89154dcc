import type { ConditionContext } from '../policy/index.js';

/**
 * One IAM or EKS admin call as the policy evaluator sees it: the IAM action, the resource ARN
 * the Service Authorization Reference gives for it, and how AWS's denial names that resource.
 */
export interface AdminRequest {
  /** e.g. iam:UpdateAssumeRolePolicy, eks:CreatePodIdentityAssociation. */
  readonly action: string;
  /** The resource's ARN, or '*' for actions the Service Authorization Reference lists no resource type for. */
  readonly resource: string;
  /**
   * The resource as the denial message names it: IAM says `role NAME` for roles and
   * `policy ARN` for policies, the ARN elsewhere; undefined for '*' (the message then names none).
   */
  readonly label: string | undefined;
  /** Condition keys the resource brings, e.g. its tags as aws:ResourceTag/*. */
  readonly context: ConditionContext;
  /** The role the call is about, for the audit trail. */
  readonly role?: string;
  /** The cluster the call is about, for the audit trail. */
  readonly cluster?: string;
}

/** Calls on no particular resource (List*, Create* of EKS clusters): evaluated against '*'. */
export function accountWide(action: string): AdminRequest {
  return { action, resource: '*', label: undefined, context: {} };
}
