/**
 * The pairs of an application/x-www-form-urlencoded body, as `new URLSearchParams(text)` reads
 * them (later duplicates win, as when copied into an object). Split and decoded by hand: node's
 * URLSearchParams parser cost ~5 µs on an AssumeRoleWithWebIdentity body, this ~1.3
 * (docs/performance.md). decodeURIComponent agrees with the URL standard's percent-decode then
 * UTF-8 decode wherever it does not throw; where it throws (a stray `%`, bytes that are not
 * UTF-8) the whole body is read by URLSearchParams instead, so every input decodes as before.
 */
export function formPairs(text: string, into: Record<string, string>): void {
  const read: [string, string][] = [];
  try {
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('&', start);
      if (end === -1) end = text.length;
      if (end > start) {
        const eq = text.indexOf('=', start);
        if (eq === -1 || eq > end) read.push([decode(text.slice(start, end)), '']);
        else read.push([decode(text.slice(start, eq)), decode(text.slice(eq + 1, end))]);
      }
      start = end + 1;
    }
  } catch {
    for (const [k, v] of new URLSearchParams(text)) into[k] = v;
    return;
  }
  for (const [k, v] of read) into[k] = v;
}

function decode(s: string): string {
  const spaced = s.includes('+') ? s.replaceAll('+', ' ') : s;
  return spaced.includes('%') ? decodeURIComponent(spaced) : spaced;
}
