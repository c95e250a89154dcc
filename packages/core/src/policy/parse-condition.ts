import { PolicySyntaxError } from './errors.js';
import { isBaseOperator } from './conditions/operators.js';
import { conditionValues, isRecord, SYNTAX_ERRORS } from './parse-values.js';
import type { ConditionClause, SetOperator } from './types.js';

const SET_PREFIX = /^(ForAnyValue|ForAllValues):/;
const IF_EXISTS = 'IfExists';

function parseOperator(operator: string): Pick<ConditionClause, 'base' | 'set' | 'ifExists'> {
  const setMatch = SET_PREFIX.exec(operator);
  const set = setMatch?.[1] as SetOperator | undefined;
  let base = setMatch === null ? operator : operator.slice(setMatch[0].length);
  const ifExists = base.endsWith(IF_EXISTS) && base !== IF_EXISTS;
  if (ifExists) base = base.slice(0, -IF_EXISTS.length);
  // Null takes neither a set operator nor IfExists: it only asks whether the key exists.
  if (!isBaseOperator(base) || (base === 'Null' && (set !== undefined || ifExists))) {
    throw new PolicySyntaxError(`Invalid Condition type : ${operator}`);
  }
  return { base, set, ifExists };
}

/** Condition: `{ operator: { key: value | values } }`; every operator and key are ANDed at evaluation. */
export function parseConditions(raw: unknown): ConditionClause[] {
  if (raw === undefined) return [];
  if (!isRecord(raw)) throw new PolicySyntaxError(SYNTAX_ERRORS);
  return Object.entries(raw).flatMap(([operator, keys]) => {
    const parsed = parseOperator(operator);
    if (!isRecord(keys)) throw new PolicySyntaxError(SYNTAX_ERRORS);
    return Object.entries(keys).map(([key, values]) => ({ operator, ...parsed, key, values: conditionValues(values) }));
  });
}
