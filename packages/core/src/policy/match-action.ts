import type { PatternList } from './types.js';
import { expandValue, tokensToRegExp } from './variables.js';
import type { Token } from './variables.js';

const noVariables = () => undefined;
const MAX_PATTERNS = 1000;
const compiled = new Map<string, RegExp>();

/**
 * An action pattern as a RegExp, compiled once: Action takes no policy variables, so the same
 * text always compiles the same, and trust policies are evaluated on every credential request.
 * Bounded like parse-cached.ts; a RegExp without the g flag keeps no state between tests.
 */
function actionRegExp(pattern: string): RegExp {
  let regExp = compiled.get(pattern);
  if (!regExp) {
    // expandValue fails only on a policy variable it cannot resolve, and variables are off here.
    regExp = tokensToRegExp(expandValue(pattern, { variables: false, wildcards: true }, noVariables) as Token[], true);
    if (compiled.size >= MAX_PATTERNS) compiled.clear();
    compiled.set(pattern, regExp);
  }
  return regExp;
}

/** Action names and service prefixes are case-insensitive; `*` and `?` are wildcards (reference_policies_elements_action.html). */
function actionMatches(patterns: readonly string[], action: string): boolean {
  return patterns.some((pattern) => actionRegExp(pattern).test(action));
}

/** Action/NotAction: NotAction applies to every action except those listed. */
export function actionClauseMatches(clause: PatternList, action: string): boolean {
  return actionMatches(clause.values, action) !== clause.negated;
}
