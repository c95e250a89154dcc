import { managedPolicyDocument } from '../iam/managed-arns.js';
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
  /** The ARN each document of a layer came from, index for index; undefined for inline ones. */
  arns: { identity: (string | undefined)[]; boundary: string | undefined; session: (string | undefined)[] };
}

interface Stored {
  arn: string | undefined;
  text: string | undefined;
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

function parseAll(stored: readonly Stored[]): { docs: PolicyDocument[]; arns: (string | undefined)[] } {
  const docs: PolicyDocument[] = [];
  const arns: (string | undefined)[] = [];
  for (const { arn, text } of stored) {
    for (const doc of parseOrSkip(text)) {
      docs.push(doc);
      arns.push(arn);
    }
  }
  return { docs, arns };
}

export function loadCallerPolicies(ctx: StsContext, session: SessionRecord): CallerPolicies {
  const { store } = ctx;
  const role = store.roles.byArn(session.roleArn);
  // A deleted role's sessions keep nothing: no identity policies means implicit deny.
  if (!role) return { identity: [], boundary: undefined, session: undefined, arns: { identity: [], boundary: undefined, session: [] } };
  // Customer managed policies from the store, AWS managed ones from the catalogue.
  const managed = (arn: string): Stored => ({ arn, text: managedPolicyDocument(ctx, arn) });
  const inline = store.policies.listInline(role.accountId, role.name).map((name): Stored => ({ arn: undefined, text: store.policies.getInline(role.accountId, role.name, name)?.document }));
  const identity = parseAll([...inline, ...store.policies.attachedToRole(role.accountId, role.name).map(managed)]);
  const boundaryArn = role.permissionsBoundary ?? undefined;
  const boundary = boundaryArn ? (parseOrSkip(managed(boundaryArn).text)[0] ?? emptyPolicy()) : undefined;
  const { policy, arns } = sessionPoliciesOf(session.context);
  // A managed session policy that no longer exists still narrows the session: to nothing from it.
  const sessionDocs = parseAll([{ arn: undefined, text: policy }, ...arns.map(managed)]);
  return {
    identity: identity.docs,
    boundary,
    session: policy !== undefined || arns.length > 0 ? sessionDocs.docs : undefined,
    arns: { identity: identity.arns, boundary: boundaryArn, session: sessionDocs.arns },
  };
}

function emptyPolicy(): PolicyDocument {
  return { kind: 'identity', version: '2012-10-17', id: undefined, statements: [] };
}

/** The policy types that bound a role session, as AWS names them in its access denied messages. */
export type CallerPolicyType = 'identity-based policy' | 'permissions boundary' | 'session policy';

/**
 * A caller-policy decision; `deniedBy` names the policy type that denied it, unset when allowed,
 * and `denyingPolicy` the managed policy whose Deny statement decided an explicit deny.
 */
export interface CallerDecision extends Decision {
  readonly deniedBy?: CallerPolicyType;
  readonly denyingPolicy?: string;
}

/** The ARN of the document that decided `decision` among `arns` (evaluatePolicies numbers documents only when there are several). */
function decidingArn(decision: Decision, arns: readonly (string | undefined)[]): string | undefined {
  const last = decision.trace[decision.trace.length - 1];
  if (last?.kind !== 'decision' || last.decidedBy === undefined) return undefined;
  return arns[last.decidedBy.policy ?? 0];
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
  const run = (type: CallerPolicyType, docs: readonly PolicyDocument[], arns: readonly (string | undefined)[]) => {
    const decision = evaluatePolicies(docs, request);
    trace.push(...decision.trace);
    return { type, effect: decision.effect, arn: decision.effect === 'ExplicitDeny' ? decidingArn(decision, arns) : undefined };
  };
  const allowed = (type: CallerPolicyType) => ({ type, effect: 'Allow' as DecisionEffect, arn: undefined });
  const { arns } = policies;
  const layers = [
    run('identity-based policy', policies.identity, arns.identity),
    policies.boundary ? run('permissions boundary', [policies.boundary], [arns.boundary]) : allowed('permissions boundary'),
    policies.session ? run('session policy', policies.session, arns.session) : allowed('session policy'),
  ];
  const explicit = layers.find((layer) => layer.effect === 'ExplicitDeny');
  if (explicit) return { effect: 'ExplicitDeny', trace, deniedBy: explicit.type, ...(explicit.arn === undefined ? {} : { denyingPolicy: explicit.arn }) };
  const needed = grant === 'session' ? [] : grant === 'role' ? layers.slice(1) : layers;
  const implicit = needed.find((layer) => layer.effect !== 'Allow');
  return implicit ? { effect: combineEffects([implicit.effect]), trace, deniedBy: implicit.type } : { effect: 'Allow', trace };
}
