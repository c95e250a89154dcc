import { tokensMatch, tokensToText } from '../variables.js';
import type { Token } from '../variables.js';
import { positive, negate } from './operator.js';
import type { OperatorSpec } from './operator.js';

const ARN_PARTS = 6;

/** Splits at the first five colons: the resource part may itself contain colons. */
function splitArn(text: string): string[] | undefined {
  const parts = text.split(':');
  if (parts.length < ARN_PARTS) return undefined;
  return [...parts.slice(0, ARN_PARTS - 1), parts.slice(ARN_PARTS - 1).join(':')];
}

function splitTokens(tokens: readonly Token[]): Token[][] | undefined {
  const segments: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind !== 'text') {
      segments[segments.length - 1]?.push(token);
      continue;
    }
    const pieces = token.text.split(':');
    pieces.forEach((piece, i) => {
      if (i > 0) {
        if (segments.length < ARN_PARTS) segments.push([]);
        else segments[segments.length - 1]?.push({ kind: 'text', text: ':' });
      }
      if (piece !== '') segments[segments.length - 1]?.push({ kind: 'text', text: piece });
    });
  }
  return segments.length === ARN_PARTS ? segments : undefined;
}

/** At least the five colons of six parts. */
function hasSixParts(text: string): boolean {
  let at = -1;
  for (let colon = 1; colon < ARN_PARTS; colon++) {
    at = text.indexOf(':', at + 1);
    if (at === -1) return false;
  }
  return true;
}

// ArnEquals and ArnLike are the same test: each of the six colon-delimited parts is compared on
// its own, case-sensitively, and each may hold * and ? (Conditions_ARN). A wildcard therefore never
// spans a colon except inside the final resource part.
const arnLike = positive('like', true, (request, expand) => {
  const tokens = expand(true);
  // Without wildcards, six parts equal one by one are the whole texts equal: no split needed
  // (the confused-deputy aws:SourceArn of every Pod Identity trust policy is such a value).
  if (tokens !== undefined && tokens.every((t) => t.kind === 'text')) {
    const text = tokensToText(tokens);
    return hasSixParts(text) && hasSixParts(request) ? text === request : undefined;
  }
  const policy = tokens === undefined ? undefined : splitTokens(tokens);
  const actual = splitArn(request);
  if (policy === undefined || actual === undefined) return undefined;
  return policy.every((segment, i) => tokensMatch(segment, actual[i] ?? '', false));
});

export const ARN_OPERATORS = {
  ArnEquals: arnLike,
  ArnLike: arnLike,
  ArnNotEquals: negate(arnLike),
  ArnNotLike: negate(arnLike),
} satisfies Record<string, OperatorSpec>;
