import { evaluatePolicies, parseStoredPolicy } from '../policy/index.js';
import type { AuthorizationRequest, Decision, DecisionEffect, PolicyDocument, TraceEntry } from '../policy/index.js';
import type { SessionRecord } from '../store/index.js';
import { combineEffects } from './authorize-assume-role.js';
import type { TrustGrant } from './authorize-assume-role.js';
import { sessionPoliciesOf } from './session-policy.js';
import type { StsContext } from './types.js';

/** The policies that bound what a role session may do, read from the store now. */
export interface CallerPolicies {
  /** The role's inline and attached managed policies. */
  identity: PolicyDocument[];
  boundary: PolicyDocument | undefined;
  /** The session's inline and managed session policies; undefined when it was given none. */
  session: PolicyDocument[] | undefined;
}

// A stored document that no longer parses grants nothing; an empty document list does the same.
function parseOrSkip(text: string | undefined): PolicyDocument[] {
  if (text === undefined) return [];
  try {
    return [parseStoredPolicy(text, 'identity')];
  } catch {
    return [];
  }
}

export function loadCallerPolicies(ctx: StsContext, session: SessionRecord): CallerPolicies {
  const { store } = ctx;
  const role = store.roles.byArn(session.roleArn);
  // A deleted role's sessions keep nothing: no identity policies means implicit deny.
  if (!role) return { identity: [], boundary: undefined, session: undefined };
  const inline = store.policies.listInline(role.accountId, role.name).map((name) => store.policies.getInline(role.accountId, role.name, name)?.document);
  const managed = store.policies.attachedToRole(role.accountId, role.name).map((arn) => store.policies.getManaged(arn)?.document);
  const identity = [...inline, ...managed].flatMap(parseOrSkip);
  const boundary = role.permissionsBoundary ? (parseOrSkip(store.policies.getManaged(role.permissionsBoundary)?.document)[0] ?? emptyPolicy()) : undefined;
  const { policy, arns } = sessionPoliciesOf(session.context);
  // A managed session policy that no longer exists still narrows the session: to nothing from it.
  const sessionDocs = [...parseOrSkip(policy), ...arns.flatMap((arn) => parseOrSkip(store.policies.getManaged(arn)?.document))];
  return { identity, boundary, session: policy !== undefined || arns.length > 0 ? sessionDocs : undefined };
}

function emptyPolicy(): PolicyDocument {
  return { kind: 'identity', version: '2012-10-17', id: undefined, statements: [] };
}

/** The policy types that bound a role session, as AWS names them in its access denied messages. */
export type CallerPolicyType = 'identity-based policy' | 'permissions boundary' | 'session policy';

/** A caller-policy decision; `deniedBy` names the policy type that denied it, unset when allowed. */
export interface CallerDecision extends Decision {
  readonly deniedBy?: CallerPolicyType;
}

/**
 * Whether a role session's own policies let it make `request`, given how the trust policy let
 * it in (reference_policies_evaluation-logic.html): an explicit deny anywhere always wins; a
 * grant to the session ARN needs nothing more; a grant to the role ARN is still bounded by the
 * permissions boundary and session policies; a grant to the account also needs an identity
 * policy allow. `grant` is 'account' for every cross-account call
 * (reference_policies_evaluation-logic-cross-account.html: both sides must allow), and for
 * calls with no resource policy at all (IAM and EKS admin calls).
 * `deniedBy` follows the evaluation order (identity-based, then boundary, then session), the
 * first type that denied explicitly, else the first needed one that did not allow.
 */
export function evaluateCallerPolicies(policies: CallerPolicies, request: AuthorizationRequest, grant: TrustGrant): CallerDecision {
  const trace: TraceEntry[] = [];
  const run = (docs: readonly PolicyDocument[]): DecisionEffect => {
    const decision = evaluatePolicies(docs, request);
    trace.push(...decision.trace);
    return decision.effect;
  };
  const identity = run(policies.identity);
  const boundary = policies.boundary ? run([policies.boundary]) : 'Allow';
  const session = policies.session ? run(policies.session) : 'Allow';
  const layers: [CallerPolicyType, DecisionEffect][] = [['identity-based policy', identity], ['permissions boundary', boundary], ['session policy', session]];
  const explicit = layers.find(([, effect]) => effect === 'ExplicitDeny');
  if (explicit) return { effect: 'ExplicitDeny', trace, deniedBy: explicit[0] };
  const needed = grant === 'session' ? [] : grant === 'role' ? layers.slice(1) : layers;
  const implicit = needed.find(([, effect]) => effect !== 'Allow');
  return implicit ? { effect: combineEffects([implicit[1]]), trace, deniedBy: implicit[0] } : { effect: 'Allow', trace };
}
