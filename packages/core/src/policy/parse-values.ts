import { PolicySyntaxError } from './errors.js';

export const SYNTAX_ERRORS = 'Syntax errors in policy.';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A policy field that holds "a string or an array of strings"; anything else is a syntax error. */
export function stringOrList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value;
  throw new PolicySyntaxError(SYNTAX_ERRORS);
}

// Condition values may be written as JSON numbers or booleans (`"aws:SecureTransport": false`);
// IAM stores them as their text.
export function conditionValues(value: unknown): string[] {
  const scalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);
  if (scalar(value)) return [String(value)];
  if (Array.isArray(value) && value.every(scalar)) return value.map(String);
  throw new PolicySyntaxError(SYNTAX_ERRORS);
}
