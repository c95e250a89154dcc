import { decodeRawUrlBase64, goJsonKind, parseGoJson } from './go-decode.js';

/**
 * golang-jwt/jwt v5 `Parser.ParseUnverified` into `RegisteredClaims`, then `Validator.Validate`
 * with no leeway — exactly the "basic" checks the agent does before calling EKS Auth
 * (internal/validation/request.go). No signature, aud or iss check: EKS Auth does those.
 */

export interface BasicClaims {
  /** Seconds since the epoch, truncated to whole seconds like jwt.NewNumericDate. */
  exp?: number;
  nbf?: number;
}

// jwt v5 registers these signing methods; any other `alg` is "unavailable".
const SIGNING_METHODS = new Set([
  'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512',
  'PS256', 'PS384', 'PS512', 'EdDSA', 'none',
]);
const MALFORMED = 'token is malformed';
const UNVERIFIABLE = 'token is unverifiable';

/** Throws an Error whose message is jwt's error text, e.g. `token is malformed: ...`. */
export function parseUnverified(token: string): BasicClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error(`${MALFORMED}: token contains an invalid number of segments`);
  const [headerPart = '', claimsPart = ''] = parts;
  const header = step(() => parseGoJson(step(() => decodeRawUrlBase64(headerPart), 'could not base64 decode header')), 'could not JSON decode header');
  if (header !== null && goJsonKind(header) !== 'object') {
    throw new Error(`${MALFORMED}: could not JSON decode header: json: cannot unmarshal ${goJsonKind(header)} into Go value of type map[string]interface {}`);
  }
  const raw = step(() => parseGoJson(step(() => decodeRawUrlBase64(claimsPart), 'could not base64 decode claim')), 'could not JSON decode claim');
  const claims = step(() => readRegisteredClaims(raw), 'could not JSON decode claim');
  const alg = (header as Record<string, unknown> | null)?.['alg'];
  if (typeof alg !== 'string') throw new Error(`${UNVERIFIABLE}: signing method (alg) is unspecified`);
  if (!SIGNING_METHODS.has(alg)) throw new Error(`${UNVERIFIABLE}: signing method (alg) is unavailable`);
  return claims;
}

/** jwt v5 Validator.Validate without leeway; errors joined by newlines as errors.Join does. */
export function basicClaimErrors(claims: BasicClaims, nowMs: number): string[] {
  const errors: string[] = [];
  if (claims.exp !== undefined && !(nowMs < claims.exp * 1000)) errors.push('token is expired');
  if (claims.nbf !== undefined && nowMs < claims.nbf * 1000) errors.push('token is not valid yet');
  return errors;
}

function step<T>(fn: () => T, what: string): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Error && err.message.startsWith(MALFORMED)) throw err;
    throw new Error(`${MALFORMED}: ${what}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Mirrors json.Unmarshal into RegisteredClaims: a custom unmarshaler's error (NumericDate,
 * ClaimStrings) aborts at once; a plain type mismatch is reported only if nothing else failed.
 */
function readRegisteredClaims(raw: unknown): BasicClaims {
  if (raw === null) return {};
  if (goJsonKind(raw) !== 'object') {
    throw new Error(`json: cannot unmarshal ${goJsonKind(raw)} into Go value of type jwt.RegisteredClaims`);
  }
  const claims: BasicClaims = {};
  let typeError: string | undefined;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === null) continue;
    if (key === 'exp' || key === 'nbf' || key === 'iat') {
      const seconds = numericDate(value);
      if (key !== 'iat') claims[key] = seconds;
    } else if (key === 'aud') {
      const ok = typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
      if (!ok) throw new Error('invalid type for claim');
    } else if ((key === 'iss' || key === 'sub' || key === 'jti') && typeof value !== 'string') {
      typeError ??= `json: cannot unmarshal ${goJsonKind(value)} into Go struct field RegisteredClaims.${key} of type string`;
    }
  }
  if (typeError !== undefined) throw new Error(typeError);
  return claims;
}

// jwt.NumericDate.UnmarshalJSON goes through json.Number, so a numeric string is accepted.
function numericDate(value: unknown): number {
  const literal = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  if (literal === undefined) {
    throw new Error(`could not parse NumericData: json: cannot unmarshal ${goJsonKind(value)} into Go value of type json.Number`);
  }
  if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(literal)) {
    throw new Error(`could not parse NumericData: json: invalid number literal, trying to unmarshal ${JSON.stringify(JSON.stringify(value))} into Number`);
  }
  return Math.trunc(Number(literal));
}
