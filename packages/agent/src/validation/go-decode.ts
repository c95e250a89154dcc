/**
 * Decoding with Go's error texts. The agent answers `400 Service account token cannot be
 * parsed: <err>` where <err> comes from golang-jwt/jwt v5 over Go's encoding/base64 and
 * encoding/json, so we reproduce those messages (internal/validation/request.go).
 */

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Map([...URL_ALPHABET].map((c, i) => [c, i]));

/**
 * base64.RawURLEncoding.DecodeString: no padding, `\r`/`\n` skipped, error offset as Go
 * reports it (the bad byte, or the start of a lone trailing character).
 */
export function decodeRawUrlBase64(segment: string): Buffer {
  const sextets: number[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '\r' || c === '\n') continue;
    const v = DECODE.get(c);
    if (v === undefined) throw new Error(`illegal base64 data at input byte ${i}`);
    sextets.push(v);
  }
  if (sextets.length % 4 === 1) throw new Error(`illegal base64 data at input byte ${segment.length - 1}`);
  const bytes: number[] = [];
  for (let i = 0; i < sextets.length; i += 4) {
    const [a = 0, b = 0, c, d] = sextets.slice(i, i + 4);
    bytes.push(((a << 2) | (b >> 4)) & 0xff);
    if (c !== undefined) bytes.push(((b << 4) | (c >> 2)) & 0xff);
    if (c !== undefined && d !== undefined) bytes.push(((c << 6) | d) & 0xff);
  }
  return Buffer.from(bytes);
}

/**
 * JSON.parse with encoding/json's common syntax messages. Go words some errors by context
 * ("after object key"); we use its most frequent wording, which is close enough for a
 * human and keeps the prefix that callers match on exact.
 */
export function parseGoJson(bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    if (text.trim() === '') throw new Error('unexpected end of JSON input', { cause: err });
    const token = /Unexpected token '?(.)'?/.exec((err as Error).message)?.[1];
    if (token !== undefined) throw new Error(`invalid character '${token}' looking for beginning of value`, { cause: err });
    throw new Error('unexpected end of JSON input', { cause: err });
  }
}

/** The word encoding/json uses for a JSON value's kind in UnmarshalTypeError. */
export function goJsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value === 'boolean' ? 'bool' : typeof value;
}
