import { createPrivateKey, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { hostileJson } from './fuzz.js';

/** A compact JWS split into its three parts, each part's JSON kept as text so a mutation can write what JSON.stringify cannot (1e400, duplicate keys). */
export interface TokenParts {
  header: string;
  payload: string;
  signature: string;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const unb64 = (part: string) => Buffer.from(part, 'base64url').toString('utf8');

export function splitToken(token: string): TokenParts {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return { header: unb64(header), payload: unb64(payload), signature };
}

/** The token with its header and payload as given and the original signature (so it no longer verifies unless nothing changed). */
export function unsigned(parts: TokenParts): string {
  return `${b64(parts.header)}.${b64(parts.payload)}.${parts.signature}`;
}

/** The token signed RS256 with the cluster's own key: it verifies, so every claim check runs. */
export function signedWith(key: KeyObject, header: string, payload: string): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

export function privateKeyOf(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/**
 * A JSON object's text with `field` set to raw JSON text, or removed when `value` is
 * undefined. Other fields keep their order and values.
 */
export function withField(json: string, field: string, value: string | undefined): string {
  const entries = Object.entries(JSON.parse(json) as Record<string, unknown>).filter(([k]) => k !== field).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  if (value !== undefined) entries.push(`${JSON.stringify(field)}:${value}`);
  return `{${entries.join(',')}}`;
}

/** Values a claim or header field should never be trusted to hold: numbers past every range, wrong types, deep JSON. */
export const hostileClaimValue: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('8.64e12', '8.64e15', '1e21', '1e400', '-1e400', '-1e20', '-1', '0', '0.5', '1e-7', '9007199254740993', '253402300800') },
  { weight: 2, arbitrary: fc.constantFrom('"1"', 'true', 'null', '[]', '{}', '[1,2]', '"sts.amazonaws.com"', '["sts.amazonaws.com",1]', '""') },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: hostileJson },
  { weight: 1, arbitrary: fc.integer({ min: -2_000_000_000, max: 4_000_000_000 }).map(String) },
);

export const CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'azp', 'kubernetes.io'] as const;
export const HEADER_FIELDS = ['alg', 'kid', 'typ', 'crit', 'b64', 'jku', 'x5u', 'jwk', 'zip', 'enc'] as const;

/** Whether two compact tokens carry the same bytes (base64url's spare low bits in a last character decode alike). */
function sameBytes(a: string, b: string): boolean {
  const as = a.split('.');
  const bs = b.split('.');
  return as.length === bs.length && as.every((part, i) => Buffer.from(part, 'base64url').equals(Buffer.from(bs[i] as string, 'base64url')));
}

/** Ways a token goes wrong without being re-signed: it must never verify. */
export function brokenTokens(good: string): fc.Arbitrary<string> {
  const parts = splitToken(good);
  return fc.oneof(
    // Random text and random three-part shapes.
    fc.string({ maxLength: 200 }),
    fc.array(fc.base64String({ maxLength: 300 }).map((s) => s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')), { minLength: 1, maxLength: 5 }).map((segs) => segs.join('.')),
    // One character of the valid token changed, or the token cut or extended.
    fc.tuple(fc.nat({ max: good.length - 1 }), fc.constantFrom(...'AZaz09-_.=+/ ~')).filter(([i, c]) => good[i] !== c).map(([i, c]) => good.slice(0, i) + c + good.slice(i + 1)),
    fc.nat({ max: good.length - 1 }).map((n) => good.slice(0, n)),
    fc.constantFrom(`${good}.`, `${good}.x`, `.${good}`, `${good}${good}`, good.replace(/\./g, '..')),
    // The header or payload changed under the original signature.
    fc.tuple(fc.constantFrom(...HEADER_FIELDS), hostileClaimValue).map(([f, v]) => unsigned({ ...parts, header: withField(parts.header, f, v) })),
    fc.tuple(fc.constantFrom(...CLAIMS), hostileClaimValue).map(([f, v]) => unsigned({ ...parts, payload: withField(parts.payload, f, v) })),
    hostileJson.map((payload) => unsigned({ ...parts, payload })),
    hostileJson.map((header) => unsigned({ ...parts, header })),
  ).filter((token) => !sameBytes(token, good));
}

/** One claim (or a header field) of a valid token set to a hostile value, then signed with the cluster's key. */
export interface Resigned {
  where: 'header' | 'payload';
  field: string;
  value: string | undefined;
}

export const resignedMutation: fc.Arbitrary<Resigned> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ where: fc.constant('payload' as const), field: fc.constantFrom(...CLAIMS), value: hostileClaimValue }) },
  { weight: 1, arbitrary: fc.record({ where: fc.constant('header' as const), field: fc.constantFrom('typ', 'crit', 'b64', 'zip', 'x5u', 'jku'), value: hostileClaimValue }) },
);

export function resign(key: KeyObject, good: string, m: Resigned): string {
  const parts = splitToken(good);
  return m.where === 'header' ? signedWith(key, withField(parts.header, m.field, m.value), parts.payload) : signedWith(key, parts.header, withField(parts.payload, m.field, m.value));
}
