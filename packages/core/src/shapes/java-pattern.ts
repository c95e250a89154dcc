/**
 * AWS validates a member's `pattern` with Java's Pattern.matches: the whole value must match.
 * The model's text is Java syntax; this compiles it as a JavaScript `u` (code point) regex once.
 * Two spellings differ: Java lets any non-letter be escaped (`\:` in sts federatedIdType), which
 * the `u` flag refuses, so such escapes lose their backslash; and the models write astral ranges
 * as `\u10000-\u10FFFF` (arnType), meant as code points 0x10000 to 0x10FFFF, so a `\u` followed by
 * five or six hex digits becomes `\u{…}`.
 */
const compiled = new Map<string, RegExp>();

const SYNTAX = new Set([...'^$\\.*+?()[]{}|/-']);

export function javaPattern(pattern: string): RegExp {
  let whole = compiled.get(pattern);
  if (whole === undefined) {
    whole = new RegExp(`^(?:${toJavaScript(pattern)})$`, 'u');
    compiled.set(pattern, whole);
  }
  return whole;
}

function toJavaScript(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = pattern[i + 1] ?? '';
    if (next === 'u') {
      const hex = /^[0-9A-Fa-f]{4,6}/.exec(pattern.slice(i + 2))?.[0] ?? '';
      out += hex.length > 4 ? `\\u{${hex}}` : `\\u${hex}`;
      i += 1 + hex.length;
    } else if (/[A-Za-z0-9]/.test(next) || SYNTAX.has(next)) {
      out += c + next;
      i++;
    } else {
      out += next;
      i++;
    }
  }
  return out;
}
