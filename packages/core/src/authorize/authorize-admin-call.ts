import { rootArn } from '../ids/index.js';
import type { SessionRecord } from '../store/index.js';
import { evaluateCallerPolicies, loadCallerPolicies } from '../sts/caller-policies.js';
import type { CallerDecision, CallerPolicyType } from '../sts/caller-policies.js';
import { AccessDeniedError, MissingAuthenticationTokenError } from '../sts/errors.js';
import { MissingAuthenticationTokenException } from '../sigv4/errors.js';
import { conditionContext, environmentContext, sessionCallerContext } from '../sts/request-context.js';
import type { StsContext, StsRequest } from '../sts/types.js';
import type { AdminRequest } from './admin-request.js';
import { EksAccessDeniedError } from './errors.js';

/** Which API the call came in on: it decides the error's shape (awsQuery AccessDenied or rest-json AccessDeniedException). */
export type AdminApi = 'iam' | 'eks';

/**
 * IAM's denial (troubleshoot_access-denied.html): "User: CALLER is not authorized to perform:
 * ACTION on resource: RESOURCE because no identity-based policy allows the ACTION action", or
 * "… with an explicit deny in an identity-based policy" (likewise "a permissions boundary",
 * "a session policy"). IAM names a role `role NAME`, as in "…iam:UpdateAssumeRolePolicy on
 * resource: role R because no identity-based policy allows…" (ministryofjustice/modernisation-platform#7939).
 * A call on no resource names none ("…codecommit:ListRepositories because no identity-based
 * policy allows…", same page). Within an account, an explicit deny also names the denying
 * policy's ARN ("…with an explicit deny in a service control policy: arn:…", AWS Security Blog,
 * "Enhanced access denied error messages with policy ARNs"): eksid names managed policies, as
 * an inline policy has no ARN.
 */
function iamDeniedMessage(callerArn: string, request: AdminRequest, decision: CallerDecision): string {
  const on = request.label === undefined ? '' : ` on resource: ${request.label}`;
  const type: CallerPolicyType = decision.deniedBy ?? 'identity-based policy';
  const why = decision.effect === 'ExplicitDeny'
    ? ` with an explicit deny in ${type === 'identity-based policy' ? 'an' : 'a'} ${type}${decision.denyingPolicy === undefined ? '' : `: ${decision.denyingPolicy}`}`
    : ` because no ${type} allows the ${request.action} action`;
  return `User: ${callerArn} is not authorized to perform: ${request.action}${on}${why}`;
}

/**
 * EKS's AccessDeniedException names no policy type: "User: CALLER is not authorized to perform:
 * eks:DeletePodIdentityAssociation on resource: arn:aws:eks:…:podidentityassociation/C/a-…"
 * (aws/eks-hybrid#740, 2025).
 */
function eksDeniedMessage(callerArn: string, request: AdminRequest): string {
  const on = request.label === undefined ? '' : ` on resource: ${request.label}`;
  return `User: ${callerArn} is not authorized to perform: ${request.action}${on}`;
}

/**
 * `--enforce-iam`: whether the caller may make an IAM or EKS admin call, by AWS's evaluation
 * logic for a principal with no resource policy in play (reference_policies_evaluation-logic.html):
 * the account root may do anything in its account; a role session needs an Allow from its
 * role's identity policies, within its permissions boundary and session policies, with no
 * explicit Deny in any of them. Unsigned calls are refused as AWS refuses them. Throws the
 * API's denial; notes the caller and the evaluation in `ctx.audit` when someone records it.
 */
export function authorizeAdminCall(ctx: StsContext, api: AdminApi, request: AdminRequest, who: StsRequest): void {
  const { caller } = who;
  ctx.audit?.about({ role: request.role, cluster: request.cluster });
  if (caller.kind === 'anonymous') {
    ctx.audit?.failed('the request is not signed');
    throw api === 'iam' ? new MissingAuthenticationTokenError() : new MissingAuthenticationTokenException();
  }
  if (caller.kind === 'root') {
    ctx.audit?.about({ caller: rootArn(caller.accountId, ctx.config.partition) }).passed('the account root may do anything in its account');
    return;
  }
  const session: SessionRecord = caller.session;
  ctx.audit?.about({ caller: session.arn }).fact(`caller ${session.arn}, a session of ${session.roleArn}`);
  const context = conditionContext(environmentContext(ctx, who.sourceIp), sessionCallerContext(ctx, session), request.context);
  const decision: CallerDecision = evaluateCallerPolicies(loadCallerPolicies(ctx, session), { action: request.action, resource: request.resource, context }, 'account');
  ctx.audit?.policy(`policies of the calling session ${session.arn}, action ${request.action} on ${request.resource}:`, decision);
  if (decision.effect === 'Allow') return;
  if (api === 'eks') throw new EksAccessDeniedError(eksDeniedMessage(session.arn, request), decision);
  throw new AccessDeniedError(iamDeniedMessage(session.arn, request, decision), decision);
}
