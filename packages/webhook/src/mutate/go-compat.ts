// Upstream is Go; these reproduce the standard-library parsers it applies to annotation values
// and paths, because Node's equivalents disagree on edge cases the fixtures pin down.

/** strconv.ParseBool: undefined when the text is not one of Go's spellings. */
export function parseGoBool(text: string | undefined): boolean | undefined {
  switch (text) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True':
      return true;
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False':
      return false;
    default:
      return undefined;
  }
}

/** strconv.ParseInt(text, 10, 64): undefined on anything but an optionally signed decimal. */
export function parseGoInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** path.Clean: lexical cleaning, "" becomes ".". */
export function goCleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(segment);
  }
  const cleaned = (rooted ? '/' : '') + out.join('/');
  return cleaned === '' ? '.' : cleaned;
}

/** path.Join: empty elements are ignored and all-empty input gives "" (path.posix.join gives "."). */
export function goJoinPath(...elements: string[]): string {
  const parts = elements.filter((element) => element !== '');
  return parts.length === 0 ? '' : goCleanPath(parts.join('/'));
}

/**
 * The first record of encoding/csv's Reader with default options (RFC 4180 quoting, no trimming,
 * blank lines skipped). undefined on a parse error or when there is no record, which upstream's
 * skip-containers handling treats as "skip nothing".
 */
export function parseGoCsvRecord(text: string): string[] | undefined {
  let i = 0;
  while (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n')) i += text[i] === '\r' ? 2 : 1;
  if (i >= text.length) return undefined;
  const fields: string[] = [];
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) return undefined;
        const ch = text[i] as string;
        if (ch === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i += 1;
          break;
        }
        field += ch;
        i += 1;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') return undefined;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
        if (text[i] === '"') return undefined;
        field += text[i] as string;
        i += 1;
      }
    }
    fields.push(field);
    if (text[i] !== ',') return fields;
    i += 1;
  }
}
