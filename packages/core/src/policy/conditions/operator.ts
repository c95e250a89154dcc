import type { Token } from '../variables.js';

/** Expands the policy value being compared; `undefined` when a policy variable is unresolvable. */
export type Expand = (wildcards: boolean) => Token[] | undefined;

/** How a trace sentence phrases a request value against the policy values. */
export type Relation = 'in' | 'like' | '<' | '<=' | '>' | '>=';

/**
 * One base operator. `test` always answers the positive question ("equal?", "like?", "in range?")
 * for one request value and one policy value: `undefined` means a value was malformed or a variable
 * unresolvable, which never satisfies the operator, negated or not.
 */
export interface OperatorSpec {
  readonly negated: boolean;
  /** Policy variables are substituted only where AWS documents them as "Supported". */
  readonly variables: boolean;
  readonly relation: Relation;
  readonly test: (request: string, expand: Expand) => boolean | undefined;
}

export const positive = (relation: Relation, variables: boolean, test: OperatorSpec['test']): OperatorSpec => ({ negated: false, variables, relation, test });

export const negate = (spec: OperatorSpec): OperatorSpec => ({ ...spec, negated: true });
