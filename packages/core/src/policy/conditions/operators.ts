import type { BaseOperator } from '../types.js';
import { ARN_OPERATORS } from './arn.js';
import { BOOL_BINARY_OPERATORS } from './bool-binary.js';
import { DATE_OPERATORS } from './date.js';
import { IP_OPERATORS } from './ip.js';
import { NUMERIC_OPERATORS } from './numeric.js';
import type { OperatorSpec } from './operator.js';
import { STRING_OPERATORS } from './string.js';

export const OPERATORS: Readonly<Record<Exclude<BaseOperator, 'Null'>, OperatorSpec>> = {
  ...STRING_OPERATORS,
  ...NUMERIC_OPERATORS,
  ...DATE_OPERATORS,
  ...BOOL_BINARY_OPERATORS,
  ...IP_OPERATORS,
  ...ARN_OPERATORS,
};

const NAMES: ReadonlySet<string> = new Set([...Object.keys(OPERATORS), 'Null']);

/** Operator names are matched exactly as the policy grammar spells them (reference_policies_grammar.html). */
export function isBaseOperator(name: string): name is BaseOperator {
  return NAMES.has(name);
}
