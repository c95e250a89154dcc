/**
 * Output shown in a walkthrough against the output a run gives. Values that differ on every
 * run (ids, times, keys, temp paths, ports) read as placeholders on both sides, and `…` in
 * the page stands for anything within its line (a shortened secret, say).
 */
const VOLATILE: readonly [RegExp, string][] = [
  [/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '<jwt>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>'],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?/g, '<time>'],
  [/\b[0-9A-F]{32}\b/g, '<oidc-id>'],
  [/\b(?:AROA|AIDA|ANPA|ASIA|AKIA|AGPA|AIPA)[A-Z0-9]{12,20}\b/g, '<aws-id>'],
  [/\b1\d{9}(?:\.\d{1,3})?\b/g, '<epoch>'],
  [/\ba-[a-z0-9]{17}\b/g, '<association-id>'],
  [/\/tmp\/[\w.-]+/g, '<tmp>'],
  [/\bexec-[b-df-hj-np-tv-z2-9]{5}\b/g, 'exec-<pod>'],
  [/127\.0\.0\.1:(?!4599\b)\d+/g, '127.0.0.1:<port>'],
];

export function normalize(text: string): string {
  let out = text;
  for (const [pattern, placeholder] of VOLATILE) out = out.replace(pattern, placeholder);
  return out;
}

const lines = (text: string): string[] => text.replace(/\s+$/, '').split('\n').map((l) => l.replace(/\s+$/, ''));

const lineMatcher = (expected: string): RegExp =>
  new RegExp(`^${expected.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?')}$`);

/** The first line that differs, or undefined when the run shows what the page shows. */
export function firstDifference(expected: string, actual: string): { line: number; expected: string; actual: string } | undefined {
  const want = lines(normalize(expected));
  const got = lines(normalize(actual));
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    const [w, g] = [want[i], got[i]];
    if (w === undefined || g === undefined || !lineMatcher(w).test(g)) return { line: i + 1, expected: w ?? '(nothing)', actual: g ?? '(nothing)' };
  }
  return undefined;
}
