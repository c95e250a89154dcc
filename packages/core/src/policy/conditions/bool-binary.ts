import { Buffer } from 'node:buffer';
import { tokensToText } from '../variables.js';
import { positive } from './operator.js';
import type { OperatorSpec } from './operator.js';

const BOOLEAN = /^(true|false)$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// Bool supports policy variables; BinaryEquals does not (Conditions_Boolean, Conditions_BinaryEquals).
const bool = positive('in', true, (request, expand) => {
  const tokens = expand(false);
  const policy = tokens === undefined ? undefined : tokensToText(tokens);
  if (policy === undefined || !BOOLEAN.test(policy) || !BOOLEAN.test(request)) return undefined;
  return policy.toLowerCase() === request.toLowerCase();
});

// The policy holds base64; the request value is compared as base64 of the same bytes, so
// equivalent encodings compare by their decoded bytes.
const binaryEquals = positive('in', false, (request, expand) => {
  const tokens = expand(false);
  const policy = tokens === undefined ? undefined : tokensToText(tokens);
  if (policy === undefined || !BASE64.test(policy) || !BASE64.test(request)) return undefined;
  return Buffer.from(policy, 'base64').equals(Buffer.from(request, 'base64'));
});

export const BOOL_BINARY_OPERATORS = {
  Bool: bool,
  BinaryEquals: binaryEquals,
} satisfies Record<string, OperatorSpec>;
