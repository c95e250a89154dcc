import { contextLookup, evaluatePolicy, parseStoredPolicy } from '../policy/index.js';
import type { ConditionContext, Decision, DecisionEffect, PolicyDocument, Principal, StatementMemo, TraceEntry } from '../policy/index.js';
import type { RoleRecord } from '../store/index.js';

export interface AuthorizeAssumeRoleRequest {
  role: RoleRecord;
  /**
   * Every action the call needs the trust policy to allow: the AssumeRole* action itself, plus
   * sts:TagSession when session tags are set and sts:SetSourceIdentity when a source identity
   * is (id_session-tags.html, id_credentials_temp_control-access_monitor.html).
   */
  actions: readonly string[];
  principal: Principal;
  context: ConditionContext;
}

/** A Decision over several actions; `action` is the first one not allowed (or the last one). */
export interface TrustDecision extends Decision {
  readonly action: string;
}

/** The role's trust policy, or undefined if the stored text no longer parses (then nothing is trusted). */
function trustPolicyOf(role: RoleRecord): PolicyDocument | undefined {
  try {
    return parseStoredPolicy(role.assumeRolePolicy, 'trust');
  } catch {
    return undefined;
  }
}

/**
 * Evaluates the role's trust policy (a resource policy whose resource is the role) for each
 * action; all must be allowed. The trace of every evaluated action is kept for "why was I
 * denied" explanations.
 */
export function authorizeAssumeRole(request: AuthorizeAssumeRoleRequest): TrustDecision {
  const { role, actions, principal, context } = request;
  if (actions.length === 0) throw new TypeError('authorizeAssumeRole needs at least one action');
  const doc = trustPolicyOf(role);
  const lookup = contextLookup(context);
  // One caller, resource and context for every action: each statement's principal and
  // conditions are evaluated once (evaluate.ts StatementMemo), the action match per action.
  const memo: StatementMemo = new Map();
  const trace: TraceEntry[] = [];
  for (const action of actions) {
    const decision: Decision = doc
      ? evaluatePolicy(doc, { action, resource: role.arn, principal, context }, lookup, memo)
      : { effect: 'ImplicitDeny', trace: [{ kind: 'decision', effect: 'ImplicitDeny', decidedBy: undefined }] };
    trace.push(...decision.trace);
    if (decision.effect !== 'Allow') return { effect: decision.effect, trace, action };
  }
  return { effect: 'Allow', trace, action: actions[actions.length - 1] as string };
}

/** Which named identity let a role session in: decides whether its own policies still apply. */
export type TrustGrant = 'session' | 'role' | 'account';

/**
 * Within one account, a resource policy naming the role session ARN grants directly, one naming
 * the role ARN is still bounded by the session's permissions boundary and session policies, and
 * one naming only the account defers to the caller's identity policies too
 * (reference_policies_evaluation-logic.html, "Resource-based policies", same account).
 * Found by re-evaluating with the caller narrowed to one identity at a time.
 */
export function trustGrantFor(role: RoleRecord, action: string, sessionArn: string, roleArn: string, context: ConditionContext): TrustGrant {
  const allows = (identifier: string): boolean =>
    authorizeAssumeRole({ role, actions: [action], principal: { type: 'AWS', identifiers: [identifier] }, context }).effect === 'Allow';
  if (allows(sessionArn)) return 'session';
  if (allows(roleArn)) return 'role';
  return 'account';
}

export function combineEffects(effects: readonly DecisionEffect[]): DecisionEffect {
  if (effects.includes('ExplicitDeny')) return 'ExplicitDeny';
  return effects.every((e) => e === 'Allow') ? 'Allow' : 'ImplicitDeny';
}
