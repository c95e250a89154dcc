import type { ContextLookup } from '../context.js';
import type { ConditionClause, PolicyVersion } from '../types.js';
import { expandValue } from '../variables.js';
import type { OperatorSpec } from './operator.js';
import { OPERATORS } from './operators.js';

export interface ConditionOutcome {
  readonly result: boolean;
  readonly requestValues: readonly string[] | 'missing';
  readonly multivalued: boolean;
}

/**
 * Evaluates one operator/key leaf. Values of one key are ORed (NORed for negated operators);
 * the caller ANDs the leaves (reference_policies_condition-logic-multiple-context-keys-or-values.html).
 */
export function evaluateCondition(clause: ConditionClause, lookup: ContextLookup, version: PolicyVersion): ConditionOutcome {
  const entry = lookup(clause.key);
  const requestValues = entry?.values ?? 'missing';
  const multivalued = clause.set !== undefined || entry?.multivalued === true;
  const done = (result: boolean): ConditionOutcome => ({ result, requestValues, multivalued });

  if (clause.base === 'Null') {
    // Null tests presence only: "true" means the key must be absent (Conditions_Null).
    const wanted = entry === undefined ? 'true' : 'false';
    return done(clause.values.some((v) => v.toLowerCase() === wanted));
  }
  const spec = OPERATORS[clause.base];
  if (entry === undefined) {
    if (clause.ifExists) return done(true);
    // ForAllValues is vacuously true over no values and ForAnyValue has nothing to match
    // (reference_policies_condition-single-vs-multi-valued-context-keys.html).
    if (clause.set === 'ForAllValues') return done(true);
    if (clause.set === 'ForAnyValue') return done(false);
    // "If the policy condition requires that the key is not matched, such as StringNotLike or
    // ArnNotLike, and the right key is not present, the condition is true"
    // (reference_policies_elements_condition_operators.html, Important box).
    return done(spec.negated);
  }
  const satisfies = valueTester(spec, clause, lookup, version);
  if (clause.set === 'ForAllValues') return done(entry.values.every(satisfies));
  if (clause.set === 'ForAnyValue') return done(entry.values.some(satisfies));
  // A multivalued key needs a set operator; without one the comparison fails. iam-simulate
  // models it so, citing AWS (re:Inforce 2025, IAM431), and it keeps single-valued operators from
  // silently picking one of several values.
  if (entry.multivalued) return done(false);
  return done(satisfies(entry.values[0] ?? ''));
}

function valueTester(spec: OperatorSpec, clause: ConditionClause, lookup: ContextLookup, version: PolicyVersion): (request: string) => boolean {
  const variables = spec.variables && version === '2012-10-17';
  return (request) => {
    const outcomes = clause.values.map((raw) => spec.test(request, (wildcards) => expandValue(raw, { variables, wildcards }, lookup)));
    // A malformed or unresolvable value never satisfies the operator: it cannot match, and it
    // cannot prove a negated operator's "matches none" either.
    return spec.negated ? outcomes.every((o) => o === false) : outcomes.some((o) => o === true);
  };
}
