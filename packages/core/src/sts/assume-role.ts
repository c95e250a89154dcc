import { rootArn } from '../ids/index.js';
import type { Principal } from '../policy/index.js';
import type { RoleRecord, SessionRecord } from '../store/index.js';
import { authorizeAssumeRole, trustGrantFor } from './authorize-assume-role.js';
import { evaluateCallerPolicies, loadCallerPolicies } from './caller-policies.js';
import { AccessDeniedError, InvalidParameterValueError, MissingAuthenticationTokenError } from './errors.js';
import { issueRoleSession, requestedSessionContext } from './issue-session.js';
import { conditionContext, environmentContext, requestTagContext, resourceTagContext, sessionCallerContext } from './request-context.js';
import type { MutableContext } from './request-context.js';
import { sessionDuration, targetRole } from './role-target.js';
import { checkSessionPolicy, packedPolicySize } from './session-policy.js';
import { combineSessionTags } from './session-tags.js';
import type { AssumeRoleInput, AssumeRoleResult, StsContext, StsRequest } from './types.js';

export const ASSUME_ROLE = 'sts:AssumeRole';
// Not found in AWS's documentation or observed responses: the docs only say the value "cannot be changed".
export const SOURCE_IDENTITY_CHANGED = 'The source identity of the calling session cannot be changed.';

/** STS's denial text, e.g. "User: arn:aws:sts::1:assumed-role/R/S is not authorized to perform: sts:TagSession on resource: arn:aws:iam::1:role/T". */
export function assumeRoleDeniedMessage(callerArn: string, action: string, roleArn: string): string {
  return `User: ${callerArn} is not authorized to perform: ${action} on resource: ${roleArn}`;
}

interface CallerView {
  arn: string;
  principal: Principal;
  context: MutableContext;
  session: SessionRecord | undefined;
}

/**
 * Who is asking, as trust policies see it. A role session is both its session ARN and its role's
 * ARN (reference_policies_elements_principal.html, role sessions); root credentials are the account.
 * eksid lets root assume roles although AWS refuses ("Roles may not be assumed by root accounts"):
 * with no IAM users, root stands in for the account's long-term identities.
 */
function callerView(ctx: StsContext, request: StsRequest): CallerView {
  const { caller } = request;
  if (caller.kind === 'anonymous') throw new MissingAuthenticationTokenError();
  if (caller.kind === 'session') {
    const s = caller.session;
    return {
      arn: s.arn,
      principal: { type: 'AWS', identifiers: [s.arn, s.roleArn], accountId: s.accountId },
      context: sessionCallerContext(ctx, s),
      session: s,
    };
  }
  const arn = rootArn(caller.accountId, ctx.config.partition);
  return {
    arn,
    principal: { type: 'AWS', identifiers: [arn], accountId: caller.accountId },
    context: { 'aws:PrincipalArn': arn, 'aws:PrincipalAccount': caller.accountId, 'aws:userid': caller.accountId, 'aws:PrincipalType': 'Account' },
    session: undefined,
  };
}

/**
 * The caller, for the decision record; a Pod Identity session also names its pod's cluster,
 * namespace and service account through the session tags EKS Auth set.
 */
function noteCaller(ctx: StsContext, view: CallerView, roleArn: string): void {
  if (!ctx.audit) return;
  const tags = view.session?.context.principalTags ?? {};
  // A chained call (Pod Identity's target role) adds to the decision it is part of.
  if (ctx.audit.subject.caller === null) ctx.audit.about({ caller: view.arn, role: roleArn, cluster: tags['eks-cluster-name'], namespace: tags['kubernetes-namespace'], serviceAccount: tags['kubernetes-service-account'] });
  ctx.audit.fact(`caller ${view.arn}${Object.keys(tags).length > 0 ? ` with session tags ${JSON.stringify(tags)}` : ''}`);
}

/**
 * A role session is also bounded by its own policies: checked per action with how the trust
 * policy let it in (caller-policies.ts). Root has every permission in its account.
 */
function checkCallerPolicies(ctx: StsContext, view: CallerView, role: RoleRecord, actions: readonly string[], context: MutableContext): void {
  const session = view.session;
  if (!session) return;
  const policies = loadCallerPolicies(ctx, session);
  for (const action of actions) {
    const grant = session.accountId === role.accountId ? trustGrantFor(role, action, session.arn, session.roleArn, context) : 'account';
    const decision = evaluateCallerPolicies(policies, { action, resource: role.arn, context }, grant);
    if (decision.effect !== 'Allow') {
      ctx.audit?.policy(`policies of the calling session ${session.arn} (trust granted to the ${grant}), action ${action}:`, decision);
      throw new AccessDeniedError(assumeRoleDeniedMessage(view.arn, action, role.arn), decision);
    }
  }
}

/**
 * STS AssumeRole for a signed caller: parameters, then trust policy (plus sts:TagSession /
 * sts:SetSourceIdentity when tags or a source identity are set, inherited ones included), then
 * the caller's own policies, then duration (1 h cap when chaining) and packed size.
 */
export function assumeRole(ctx: StsContext, request: StsRequest, input: AssumeRoleInput): AssumeRoleResult {
  const view = callerView(ctx, request);
  noteCaller(ctx, view, input.RoleArn);
  checkSessionPolicy(input.Policy);
  const role = targetRole(ctx, input.RoleArn);
  const tags = combineSessionTags(input.Tags ?? [], input.TransitiveTagKeys ?? [], view.session);
  // Source identity persists through a chain and cannot be changed (id_credentials_temp_control-access_monitor.html).
  const inheritedSource = view.session?.context.sourceIdentity;
  if (inheritedSource !== undefined && input.SourceIdentity !== undefined && input.SourceIdentity !== inheritedSource) {
    throw new InvalidParameterValueError(SOURCE_IDENTITY_CHANGED);
  }
  const sourceIdentity = inheritedSource ?? input.SourceIdentity;
  if (!role) {
    ctx.audit?.failed(`role ${input.RoleArn} does not exist`);
    throw new AccessDeniedError(assumeRoleDeniedMessage(view.arn, ASSUME_ROLE, input.RoleArn));
  }

  // Inherited transitive tags are set on the new session as much as requested ones, so both
  // appear as aws:RequestTag/* and in aws:TagKeys.
  const context = conditionContext(environmentContext(ctx, request.sourceIp), resourceTagContext(role), view.context, requestTagContext(tags.principalTags, tags.transitiveTagKeys), {
    'sts:RoleSessionName': input.RoleSessionName,
  });
  if (input.ExternalId !== undefined) context['sts:ExternalId'] = input.ExternalId;
  if (sourceIdentity !== undefined) context['sts:SourceIdentity'] = sourceIdentity;
  const actions = [ASSUME_ROLE];
  // Inherited transitive tags and source identity are set on the new session too, so they need
  // the same permissions (a Pod Identity session chaining into a role without sts:TagSession is
  // denied "…not authorized to perform: sts:TagSession…", mattrobinsonsre/terrapod#1546; the same
  // for sts:SetSourceIdentity, noqdev/iambic#357).
  if (Object.keys(tags.principalTags).length > 0) actions.push('sts:TagSession');
  if (sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
  const trust = authorizeAssumeRole({ role, actions, principal: view.principal, context });
  ctx.audit?.policy(`trust policy of ${role.arn}, actions ${actions.join(' + ')}:`, trust);
  if (trust.effect !== 'Allow') throw new AccessDeniedError(assumeRoleDeniedMessage(view.arn, trust.action, role.arn), trust);
  checkCallerPolicies(ctx, view, role, actions, context);

  const durationSeconds = sessionDuration(input.DurationSeconds, role, view.session !== undefined);
  const packed = packedPolicySize({ policy: input.Policy, policyArns: input.PolicyArns, tags: tags.principalTags });
  const issued = issueRoleSession(ctx, {
    role,
    sessionName: input.RoleSessionName,
    durationSeconds,
    context: {
      ...requestedSessionContext({ tags, sourceIdentity, policy: input.Policy, policyArns: input.PolicyArns }),
    },
  });
  return {
    ...(sourceIdentity === undefined ? {} : { SourceIdentity: sourceIdentity }),
    AssumedRoleUser: issued.assumedRoleUser,
    Credentials: issued.credentials,
    ...(packed === undefined ? {} : { PackedPolicySize: packed }),
  };
}
