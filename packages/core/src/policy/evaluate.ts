import { evaluateCondition } from './conditions/evaluate-condition.js';
import { contextLookup } from './context.js';
import type { ContextLookup } from './context.js';
import { actionClauseMatches } from './match-action.js';
import { principalClauseMatches } from './match-principal.js';
import { resourceClauseMatches } from './match-resource.js';
import type { AuthorizationRequest, Decision, PolicyDocument, Statement, StatementRef, TraceEntry } from './types.js';

/** Evaluates one statement, recording each step; stops at the first element that rules it out. */
function statementApplies(
  doc: PolicyDocument,
  statement: Statement,
  ref: StatementRef,
  request: AuthorizationRequest,
  lookup: ContextLookup,
  trace: TraceEntry[],
): boolean {
  const record = (applies: boolean): boolean => {
    trace.push({ kind: 'statement', statement: ref, applies });
    return applies;
  };
  const actionOk = actionClauseMatches(statement.action, request.action);
  trace.push({ kind: 'action', statement: ref, action: request.action, patterns: statement.action, matched: actionOk });
  if (!actionOk) return record(false);
  if (statement.principal !== undefined) {
    const matched = principalClauseMatches(statement.principal, request.principal);
    trace.push({ kind: 'principal', statement: ref, caller: request.principal, clause: statement.principal, matched });
    if (!matched) return record(false);
  }
  if (statement.resource !== undefined) {
    const matched = resourceClauseMatches(statement.resource, request.resource, lookup, doc.version);
    trace.push({ kind: 'resource', statement: ref, resource: request.resource, patterns: statement.resource, matched });
    if (!matched) return record(false);
  }
  // Every condition is evaluated (no short-circuit) so a trace shows all that failed.
  let conditionsHold = true;
  for (const clause of statement.conditions) {
    const outcome = evaluateCondition(clause, lookup, doc.version);
    trace.push({
      kind: 'condition',
      statement: ref,
      operator: clause.operator,
      base: clause.base,
      key: clause.key,
      policyValues: clause.values,
      requestValues: outcome.requestValues,
      multivalued: outcome.multivalued,
      result: outcome.result,
    });
    conditionsHold &&= outcome.result;
  }
  return record(conditionsHold);
}

/**
 * Standard IAM logic over a set of policies: an applicable Deny wins, else an applicable Allow
 * allows, else the request is implicitly denied (reference_policies_evaluation-logic.html).
 * `lookup` is request.context's, passed by callers that evaluate one context several times
 * (a trust policy once per action) so it is indexed once.
 */
export function evaluatePolicies(docs: readonly PolicyDocument[], request: AuthorizationRequest, lookup: ContextLookup = contextLookup(request.context)): Decision {
  const trace: TraceEntry[] = [];
  let allowedBy: StatementRef | undefined;
  let deniedBy: StatementRef | undefined;
  docs.forEach((doc, policyIndex) => {
    for (const statement of doc.statements) {
      const ref: StatementRef = { policy: docs.length > 1 ? policyIndex : undefined, index: statement.index, sid: statement.sid, effect: statement.effect };
      if (!statementApplies(doc, statement, ref, request, lookup, trace)) continue;
      if (statement.effect === 'Deny') deniedBy ??= ref;
      else allowedBy ??= ref;
    }
  });
  const effect = deniedBy ? 'ExplicitDeny' : allowedBy ? 'Allow' : 'ImplicitDeny';
  const decidedBy = deniedBy ?? allowedBy;
  trace.push({ kind: 'decision', effect, decidedBy });
  return { effect, trace };
}

export function evaluatePolicy(doc: PolicyDocument, request: AuthorizationRequest, lookup?: ContextLookup): Decision {
  return evaluatePolicies([doc], request, lookup);
}
