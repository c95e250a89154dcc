import { evaluatePolicies } from '../../policy/index.js';
import type { AuthorizationRequest, ConditionContext, Decision, DecisionEffect } from '../../policy/index.js';
import { evaluateCallerPolicies } from '../../sts/caller-policies.js';
import { statementSpans } from './statement-spans.js';
import type { EvalDecision, MatchedStatement, SimulationPolicies, SimulationPolicy, SimulationResult } from './types.js';

const DECISIONS: Readonly<Record<DecisionEffect, EvalDecision>> = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' };

const spansOf = new WeakMap<SimulationPolicy, ReturnType<typeof statementSpans>>();
function spans(policy: SimulationPolicy): ReturnType<typeof statementSpans> {
  let found = spansOf.get(policy);
  if (found === undefined) {
    found = statementSpans(policy.text);
    spansOf.set(policy, found);
  }
  return found;
}

/** The statements of `layer` that applied with the given effect, as MatchedStatements name them. */
function applied(layer: readonly SimulationPolicy[], decision: Decision, effect: 'Allow' | 'Deny'): MatchedStatement[] {
  const out: MatchedStatement[] = [];
  for (const entry of decision.trace) {
    if (entry.kind !== 'statement' || !entry.applies || entry.statement.effect !== effect) continue;
    const policy = layer[entry.statement.policy ?? 0];
    const span = policy === undefined ? undefined : spans(policy)[entry.statement.index];
    if (policy === undefined || span === undefined) continue;
    out.push({ sourcePolicyId: policy.id, sourcePolicyType: policy.type, start: span.start, end: span.end });
  }
  return out;
}

const VARIABLE = /\$\{([^}]+)\}/g;

/** The keys a statement reads: its condition keys and the policy variables in its Resource and condition values. */
function keysOf(policy: SimulationPolicy): string[] {
  const keys: string[] = [];
  const variables = (text: string) => {
    for (const [, inner = ''] of text.matchAll(VARIABLE)) {
      const key = inner.split(',')[0]?.trim() ?? '';
      // ${*}, ${?} and ${$} stand for characters, not keys (reference_policies_variables.html).
      if (key.includes(':')) keys.push(key);
    }
  };
  for (const statement of policy.doc.statements) {
    statement.resource?.values.forEach(variables);
    for (const clause of statement.conditions) {
      keys.push(clause.key);
      clause.values.forEach(variables);
    }
  }
  return keys;
}

/**
 * MissingContextValues: every key the included policies read that the context does not
 * supply, whichever action or statement reads it. AWS answers so: a policy whose s3:GetObject
 * statement reads ${aws:username} reports it missing when only s3:ListBucket is simulated
 * (boto/boto3#3111, closed as guidance). Keys compare case-insensitively, as condition keys do.
 */
function missingKeys(layers: readonly (readonly SimulationPolicy[])[], context: ConditionContext): string[] {
  const present = new Set(Object.keys(context).map((k) => k.toLowerCase()));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const layer of layers) {
    for (const policy of layer) {
      for (const key of keysOf(policy)) {
        const lower = key.toLowerCase();
        if (present.has(lower) || seen.has(lower)) continue;
        seen.add(lower);
        out.push(key);
      }
    }
  }
  return out;
}

/**
 * One action on one resource against a principal's policies, the way eksid authorizes its own
 * callers (evaluateCallerPolicies: identity policies must allow, within the permissions
 * boundary and any session policies; an explicit deny anywhere wins). MatchedStatements are
 * the statements that decided (AWS: "if only one statement denies that operation, then the
 * explicit deny overrides any allow. In addition, the deny statement is the only entry
 * included in the result", API_EvaluationResult.html): the applicable Deny statements for an
 * explicit deny, the applicable Allow statements of every layer when allowed, none otherwise.
 */
export function simulateOne(policies: SimulationPolicies, action: string, resource: string, context: ConditionContext): SimulationResult {
  const request: AuthorizationRequest = { action, resource, context };
  const layers: (readonly SimulationPolicy[])[] = [policies.identity];
  if (policies.boundary) layers.push([policies.boundary]);
  if (policies.session) layers.push(policies.session);
  const decisions = layers.map((layer) => evaluatePolicies(layer.map((p) => p.doc), request));
  const combined = evaluateCallerPolicies(
    {
      identity: policies.identity.map((p) => p.doc),
      boundary: policies.boundary?.doc,
      session: policies.session?.map((p) => p.doc),
      arns: { identity: [], boundary: undefined, session: [] },
    },
    request,
    'account',
  );
  const decision = DECISIONS[combined.effect];
  const matchedStatements =
    decision === 'implicitDeny' ? [] : layers.flatMap((layer, i) => applied(layer, decisions[i] as Decision, decision === 'allowed' ? 'Allow' : 'Deny'));
  const boundaryDecision = policies.boundary ? (decisions[1] as Decision) : undefined;
  return {
    action,
    resource,
    decision,
    matchedStatements,
    missingContextValues: missingKeys(layers, context),
    allowedByBoundary: boundaryDecision === undefined ? undefined : boundaryDecision.effect === 'Allow',
  };
}

/** Every action on every resource, actions outermost, as IAM orders EvaluationResults. */
export function simulate(policies: SimulationPolicies, actions: readonly string[], resources: readonly string[], context: ConditionContext): SimulationResult[] {
  return actions.flatMap((action) => resources.map((resource) => simulateOne(policies, action, resource, context)));
}
