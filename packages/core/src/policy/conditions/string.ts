import { tokensMatch, tokensToText } from '../variables.js';
import { negate, positive } from './operator.js';
import type { OperatorSpec } from './operator.js';

// String operators: variables supported; only the Like forms take wildcards
// (reference_policies_elements_condition_operators.html#Conditions_String).
const equals = positive('in', true, (request, expand) => {
  const tokens = expand(false);
  return tokens === undefined ? undefined : tokensToText(tokens) === request;
});

const equalsIgnoreCase = positive('in', true, (request, expand) => {
  const tokens = expand(false);
  return tokens === undefined ? undefined : tokensToText(tokens).toLowerCase() === request.toLowerCase();
});

const like = positive('like', true, (request, expand) => {
  const tokens = expand(true);
  return tokens === undefined ? undefined : tokensMatch(tokens, request, false);
});

export const STRING_OPERATORS = {
  StringEquals: equals,
  StringNotEquals: negate(equals),
  StringEqualsIgnoreCase: equalsIgnoreCase,
  StringNotEqualsIgnoreCase: negate(equalsIgnoreCase),
  StringLike: like,
  StringNotLike: negate(like),
} satisfies Record<string, OperatorSpec>;
