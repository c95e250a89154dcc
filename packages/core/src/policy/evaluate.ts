import { evaluateCondition } from './conditions/evaluate-condition.js';
import { contextLookup } from './context.js';
import type { ContextLookup } from './context.js';
import { actionClauseMatches } from './match-action.js';
import { principalClauseMatches } from './match-principal.js';
import { resourceClauseMatches } from './match-resource.js';
import type { AuthorizationRequest, Decision, PolicyDocument, Statement, StatementRef, TraceEntry } from './types.js';

/** What a statement's principal, resource and conditions decided, with the steps that say so. */
interface StatementRest {
  steps: TraceEntry[];
  holds: boolean;
}

/**
 * One request's statements across several actions (a trust policy asked for sts:AssumeRole
 * and sts:TagSession): everything but the action match depends only on the caller, the
 * resource and the context, so it is evaluated once per statement and its steps repeated in
 * each action's trace, which reads exactly as if each action had been evaluated on its own.
 */
export type StatementMemo = Map<Statement, { ref: StatementRef; rest?: StatementRest }>;

/** The statement's principal, resource and conditions, stopping at the first element that rules it out. */
function statementRest(doc: PolicyDocument, statement: Statement, ref: StatementRef, request: AuthorizationRequest, lookup: ContextLookup): StatementRest {
  const steps: TraceEntry[] = [];
  if (statement.principal !== undefined) {
    const matched = principalClauseMatches(statement.principal, request.principal);
    steps.push({ kind: 'principal', statement: ref, caller: request.principal, clause: statement.principal, matched });
    if (!matched) return { steps, holds: false };
  }
  if (statement.resource !== undefined) {
    const matched = resourceClauseMatches(statement.resource, request.resource, lookup, doc.version);
    steps.push({ kind: 'resource', statement: ref, resource: request.resource, patterns: statement.resource, matched });
    if (!matched) return { steps, holds: false };
  }
  // Every condition is evaluated (no short-circuit) so a trace shows all that failed.
  let conditionsHold = true;
  for (const clause of statement.conditions) {
    const outcome = evaluateCondition(clause, lookup, doc.version);
    steps.push({
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
  return { steps, holds: conditionsHold };
}

/** Evaluates one statement, recording each step; stops at the first element that rules it out. */
function statementApplies(
  doc: PolicyDocument,
  statement: Statement,
  ref: StatementRef,
  request: AuthorizationRequest,
  lookup: ContextLookup,
  trace: TraceEntry[],
  memo: StatementMemo | undefined,
): boolean {
  const actionOk = actionClauseMatches(statement.action, request.action);
  trace.push({ kind: 'action', statement: ref, action: request.action, patterns: statement.action, matched: actionOk });
  let applies = false;
  if (actionOk) {
    const known = memo?.get(statement);
    const rest = known?.rest ?? statementRest(doc, statement, ref, request, lookup);
    if (known) known.rest = rest;
    for (const step of rest.steps) trace.push(step);
    applies = rest.holds;
  }
  trace.push({ kind: 'statement', statement: ref, applies });
  return applies;
}

/**
 * Standard IAM logic over a set of policies: an applicable Deny wins, else an applicable Allow
 * allows, else the request is implicitly denied (reference_policies_evaluation-logic.html).
 * `lookup` is request.context's, passed by callers that evaluate one context several times
 * (a trust policy once per action) so it is indexed once; such callers pass one `memo` too, so
 * that only the action match is redone per action (the caller, resource and context must be
 * the same in every request evaluated with it).
 */
export function evaluatePolicies(docs: readonly PolicyDocument[], request: AuthorizationRequest, lookup: ContextLookup = contextLookup(request.context), memo?: StatementMemo): Decision {
  const trace: TraceEntry[] = [];
  let allowedBy: StatementRef | undefined;
  let deniedBy: StatementRef | undefined;
  docs.forEach((doc, policyIndex) => {
    for (const statement of doc.statements) {
      let ref = memo?.get(statement)?.ref;
      if (ref === undefined) {
        ref = { policy: docs.length > 1 ? policyIndex : undefined, index: statement.index, sid: statement.sid, effect: statement.effect };
        memo?.set(statement, { ref });
      }
      if (!statementApplies(doc, statement, ref, request, lookup, trace, memo)) continue;
      if (statement.effect === 'Deny') deniedBy ??= ref;
      else allowedBy ??= ref;
    }
  });
  const effect = deniedBy ? 'ExplicitDeny' : allowedBy ? 'Allow' : 'ImplicitDeny';
  const decidedBy = deniedBy ?? allowedBy;
  trace.push({ kind: 'decision', effect, decidedBy });
  return { effect, trace };
}

export function evaluatePolicy(doc: PolicyDocument, request: AuthorizationRequest, lookup?: ContextLookup, memo?: StatementMemo): Decision {
  return evaluatePolicies([doc], request, lookup, memo);
}
