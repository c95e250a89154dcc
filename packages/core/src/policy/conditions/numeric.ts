import { tokensToText } from '../variables.js';
import { negate, positive } from './operator.js';
import type { Expand, OperatorSpec, Relation } from './operator.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseNumber(text: string): number | undefined {
  return NUMBER.test(text.trim()) ? Number(text) : undefined;
}

/** Builds an ordered comparison; `parse` decides what a well-formed value is (numbers, dates). */
export function compareWith(
  parse: (text: string) => number | undefined,
  relation: Relation,
  holds: (request: number, policy: number) => boolean,
): OperatorSpec {
  // Numeric and date operators do not support policy variables (reference_policies_elements_condition_operators.html).
  return positive(relation, false, (request: string, expand: Expand) => {
    const tokens = expand(false);
    const policy = tokens === undefined ? undefined : parse(tokensToText(tokens));
    const actual = parse(request);
    return policy === undefined || actual === undefined ? undefined : holds(actual, policy);
  });
}

const equals = compareWith(parseNumber, 'in', (a, b) => a === b);

export const NUMERIC_OPERATORS = {
  NumericEquals: equals,
  NumericNotEquals: negate(equals),
  NumericLessThan: compareWith(parseNumber, '<', (a, b) => a < b),
  NumericLessThanEquals: compareWith(parseNumber, '<=', (a, b) => a <= b),
  NumericGreaterThan: compareWith(parseNumber, '>', (a, b) => a > b),
  NumericGreaterThanEquals: compareWith(parseNumber, '>=', (a, b) => a >= b),
} satisfies Record<string, OperatorSpec>;
