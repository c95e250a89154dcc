import type { ContextLookup } from './context.js';

/** A policy string after variable substitution: literal text and, where allowed, wildcards. */
export type Token = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'star' } | { readonly kind: 'one' };

export interface ExpandOptions {
  /** Substitute `${...}`: only in Version 2012-10-17, Resource and string/ARN/Bool conditions. */
  readonly variables: boolean;
  /** Treat `*` and `?` as wildcards (StringLike, ArnLike, Action, Resource). */
  readonly wildcards: boolean;
}

// `${*}`, `${?}` and `${$}` let a policy name the literal characters (reference_policies_variables.html#policy-vars-specialchars).
const ESCAPES: ReadonlySet<string> = new Set(['*', '?', '$']);
const DEFAULT_VALUE = /^'(.*)'$/s;

/**
 * Expands a policy value into tokens, or `undefined` when a variable cannot be resolved: AWS then
 * treats that value as matching nothing (reference_policies_variables.html#policy-vars-no-value).
 * Substituted text is always literal, so a `*` inside a tag value is never a wildcard.
 */
export function expandValue(raw: string, options: ExpandOptions, lookup: ContextLookup): Token[] | undefined {
  const tokens: Token[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') tokens.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < raw.length) {
    const ch = raw.charAt(i);
    const close = options.variables && raw.startsWith('${', i) ? raw.indexOf('}', i + 2) : -1;
    if (close !== -1) {
      const resolved = resolveVariable(raw.slice(i + 2, close), lookup);
      if (resolved === undefined) return undefined;
      text += resolved;
      i = close + 1;
    } else if (options.wildcards && (ch === '*' || ch === '?')) {
      flush();
      tokens.push({ kind: ch === '*' ? 'star' : 'one' });
      i += 1;
    } else {
      text += ch;
      i += 1;
    }
  }
  flush();
  return tokens;
}

function resolveVariable(inner: string, lookup: ContextLookup): string | undefined {
  if (ESCAPES.has(inner)) return inner;
  const comma = inner.indexOf(',');
  const name = (comma === -1 ? inner : inner.slice(0, comma)).trim();
  let fallback: string | undefined;
  if (comma !== -1) {
    const quoted = DEFAULT_VALUE.exec(inner.slice(comma + 1).trim());
    if (quoted === null) return undefined;
    fallback = quoted[1];
  }
  const entry = name === '' ? undefined : lookup(name);
  // A multivalued key cannot stand in for a single string (reference_policies_variables.html), so
  // it resolves like a missing key: to the default if one is given.
  if (entry !== undefined && !entry.multivalued) return entry.values[0];
  return fallback;
}

export function tokensToText(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.kind === 'text' ? t.text : t.kind === 'star' ? '*' : '?')).join('');
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

export function tokensToRegExp(tokens: readonly Token[], ignoreCase: boolean): RegExp {
  const source = tokens
    .map((t) => (t.kind === 'text' ? t.text.replace(REGEX_SPECIAL, '\\$&') : t.kind === 'star' ? '[\\s\\S]*' : '[\\s\\S]'))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
}

/**
 * Whether all of `value` matches the tokens. Case-sensitive text without wildcards is compared
 * as a string, which is exactly what the anchored, escaped, flagless RegExp would test, minus
 * building it: ARN conditions compare six segments each, several per credential request.
 */
export function tokensMatch(tokens: readonly Token[], value: string, ignoreCase: boolean): boolean {
  if (!ignoreCase && tokens.every((t) => t.kind === 'text')) return tokensToText(tokens) === value;
  return tokensToRegExp(tokens, ignoreCase).test(value);
}
