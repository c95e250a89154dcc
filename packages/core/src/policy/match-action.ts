import type { PatternList } from './types.js';
import { expandValue, tokensToRegExp } from './variables.js';

const noVariables = () => undefined;

/** Action names and service prefixes are case-insensitive; `*` and `?` are wildcards (reference_policies_elements_action.html). */
function actionMatches(patterns: readonly string[], action: string): boolean {
  return patterns.some((pattern) => {
    const tokens = expandValue(pattern, { variables: false, wildcards: true }, noVariables);
    return tokens !== undefined && tokensToRegExp(tokens, true).test(action);
  });
}

/** Action/NotAction: NotAction applies to every action except those listed. */
export function actionClauseMatches(clause: PatternList, action: string): boolean {
  return actionMatches(clause.values, action) !== clause.negated;
}
