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

/**
 * Indexes a context by lower-cased key on demand: a trust policy's conditions read two or three
 * keys of a context that holds a dozen or more (EKS Auth's six aws:RequestTag/* keys), so only
 * the keys a policy asks for are lower-cased and converted. Same answers as indexing every key
 * up front: the last key (in the context's order) whose lower case matches and that has a value
 * wins. The context must not change while its lookup is in use.
 */
export function contextLookup(context: ConditionContext): ContextLookup {
  const keys = Object.keys(context);
  const found = new Map<string, ContextEntry | undefined>();
  return (key) => {
    const lower = key.toLowerCase();
    if (found.has(lower)) return found.get(lower);
    let entry: ContextEntry | undefined;
    for (const candidate of keys) {
      // Lower-casing keeps a string's length except that U+0130 becomes two units (İ → i̇,
      // SpecialCasing.txt), so a longer key, or a shorter one without U+0130, cannot match.
      if (candidate.length > lower.length || (candidate.length < lower.length && !candidate.includes('\u0130'))) continue;
      if (candidate.toLowerCase() !== lower) continue;
      entry = entryOf(context[candidate] as ConditionContext[string]) ?? entry;
    }
    found.set(lower, entry);
    return entry;
  };
}

function entryOf(raw: ConditionContext[string]): ContextEntry | undefined {
  const multivalued = Array.isArray(raw);
  const values = multivalued ? (raw as readonly ContextScalar[]).map(asString) : [asString(raw as ContextScalar)];
  // A multivalued key with no values counts as absent: AWS treats a key that "resolves to a null
  // data set" like a missing one (reference_policies_condition-single-vs-multi-valued-context-keys.html).
  return values.length > 0 ? { values, multivalued } : undefined;
}
