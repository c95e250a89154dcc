import type { ConditionContext, ContextScalar } from './types.js';

export interface ContextEntry {
  readonly values: readonly string[];
  /** The caller gave an array: a multivalued key such as aws:TagKeys. */
  readonly multivalued: boolean;
}

/** Condition keys are case-insensitive (reference_policies_elements_condition.html); values are not. */
export type ContextLookup = (key: string) => ContextEntry | undefined;

// AWS compares every context value as text: numbers and booleans arrive as strings in the
// request context (e.g. aws:MultiFactorAuthPresent is "true"), so coerce here once.
const asString = (value: ContextScalar): string => (typeof value === 'string' ? value : String(value));

export function contextLookup(context: ConditionContext): ContextLookup {
  const entries = new Map<string, ContextEntry>();
  for (const [key, raw] of Object.entries(context)) {
    const multivalued = Array.isArray(raw);
    const values = multivalued ? (raw as readonly ContextScalar[]).map(asString) : [asString(raw as ContextScalar)];
    // A multivalued key with no values counts as absent: AWS treats a key that "resolves to a null
    // data set" like a missing one (reference_policies_condition-single-vs-multi-valued-context-keys.html).
    if (values.length > 0) entries.set(key.toLowerCase(), { values, multivalued });
  }
  return (key) => entries.get(key.toLowerCase());
}
