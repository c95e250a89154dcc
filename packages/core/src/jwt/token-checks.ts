import { errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { AwsError } from '../errors.js';
import { ExpiredTokenError, InvalidIdentityTokenError } from '../sts/errors.js';
import { TokenRejectedError } from './errors.js';
import type { TokenCheck } from './errors.js';
import { MAX_JSON_DEPTH, jsonNestsDeeperThan } from '../wire/json-depth.js';

/** Asymmetric algorithms only: `none` and HS* would let anyone holding the public key forge tokens. */
export const ALLOWED_ALGS: readonly string[] = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];

/** STS caps WebIdentityToken at 20000 characters (AssumeRoleWithWebIdentity API reference). */
export const MAX_TOKEN_LENGTH = 20_000;

/**
 * Leeway for nbf/iat ahead of our clock: go-jose's DefaultLeeway (1 minute), which
 * kube-apiserver's service-account validator applies (pkg/serviceaccount/claims.go), so a
 * token minted by a node whose clock runs a little fast is not refused. exp gets none:
 * STS's message demands now be *before* exp.
 */
export const CLOCK_LEEWAY_SECONDS = 60;

// STS's wire messages, as seen in real responses:
// - "No OpenIDConnect provider found in your account for <iss>": mozilla-iam/mozilla-aws-cli#127 (XML body).
// - "Incorrect token audience": awslabs/amazon-eks-irsa-cfn#18.
// - "Couldn't retrieve verification key ...,  please reference ..." (two spaces): awslabs/aws-sdk-rust#827
//   (XML body, code InvalidIdentityToken); AWS knowledge center iam-sts-invalididentitytoken says it is
//   what an unreachable/slow (>5 s) .well-known or jwks_uri yields.
// - "Token expired: current date/time <s> must be before the expiration date/time <s>": aws/aws-sdk-java-v2#5709.
// - "Missing a required claim: aud": aws/aws-sdk-ruby#2698.
// - NOT_A_JWT is recalled from STS responses, not found in a citable source; INVALID is the
//   documented InvalidIdentityToken description (STS API reference), used where no specific
//   message is known (alg, signature, nbf).
export const STS_MESSAGES = {
  notAJwt: 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
  invalid: 'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.',
  noProvider: (iss: string) => `No OpenIDConnect provider found in your account for ${iss}`,
  noKey: "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
  audience: 'Incorrect token audience',
  missingClaim: (claim: string) => `Missing a required claim: ${claim}`,
  expired: (now: number, exp: number) => `Token expired: current date/time ${now} must be before the expiration date/time ${exp}`,
};

/** A kid the issuer (`where`) does not publish: STS cannot find the verification key. */
export function unknownKid(kid: unknown, where: string): TokenRejectedError {
  return rejection('signature', `kid ${JSON.stringify(kid)} is not in the JWKS of ${where}`, new InvalidIdentityTokenError(STS_MESSAGES.noKey));
}

export function rejection(check: TokenCheck, detail: string, awsError: AwsError = new InvalidIdentityTokenError(STS_MESSAGES.invalid)): TokenRejectedError {
  return new TokenRejectedError(check, detail, awsError);
}

export type JsonObject = Record<string, unknown>;

const B64URL = /^[A-Za-z0-9_-]+$/;

function decodePart(part: string, name: string): JsonObject {
  const text = Buffer.from(part, 'base64url').toString('utf8');
  // A signed header or payload may nest thousands of levels within STS's length limit; every later
  // walk of it (the crit check's message, the audit trail) would overflow the stack: a 500.
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw rejection('parse', `${name} nests JSON deeper than ${MAX_JSON_DEPTH} levels`, new InvalidIdentityTokenError(STS_MESSAGES.notAJwt));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw rejection('parse', `${name} is not base64url JSON`, new InvalidIdentityTokenError(STS_MESSAGES.notAJwt));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw rejection('parse', `${name} is not a JSON object`, new InvalidIdentityTokenError(STS_MESSAGES.notAJwt));
  }
  return value as JsonObject;
}

export interface ParsedToken {
  header: JsonObject;
  payload: JsonObject;
}

/** Step 1: three base64url parts whose first two are JSON objects. */
export function parseToken(token: unknown): ParsedToken {
  const notJwt = (detail: string) => rejection('parse', detail, new InvalidIdentityTokenError(STS_MESSAGES.notAJwt));
  if (typeof token !== 'string') throw notJwt('token is not a string');
  if (token.length > MAX_TOKEN_LENGTH) throw notJwt(`token is ${token.length} chars; STS accepts at most ${MAX_TOKEN_LENGTH}`);
  const parts = token.split('.');
  if (parts.length !== 3) throw notJwt(`token has ${parts.length} dot-separated parts, a JWS has 3`);
  const [header, payload, signature] = parts as [string, string, string];
  // An empty signature is let through to the alg check, which names `alg: none` for what it is.
  if (!B64URL.test(header) || !B64URL.test(payload) || !(signature === '' || B64URL.test(signature))) {
    throw notJwt('a token part is empty or not base64url');
  }
  return { header: decodePart(header, 'header'), payload: decodePart(payload, 'payload') };
}

/**
 * Step 2: an allowed alg, and no `crit`. RFC 7515 §4.1.11: a recipient MUST reject a JWS whose
 * crit names an extension it does not understand, and eksid understands none (a JWT may not use
 * b64, RFC 7797 §7); an empty or malformed crit is invalid too.
 */
export function checkAlg(header: JsonObject): void {
  if (typeof header.alg !== 'string' || !ALLOWED_ALGS.includes(header.alg)) {
    throw rejection('alg', `alg ${JSON.stringify(header.alg)} is not one of ${ALLOWED_ALGS.join(', ')}`);
  }
  if (header.crit !== undefined) {
    throw rejection('crit', `crit ${JSON.stringify(header.crit)} names header extensions eksid does not understand (RFC 7515 §4.1.11)`);
  }
}

/** Step 5: signature against the key `getKey` picks by kid; claims come back only once it holds. */
export async function verifySignature(token: string, getKey: JWTVerifyGetKey, now: Date, parsed: ParsedToken): Promise<JWTPayload> {
  try {
    const { payload: claims } = await jwtVerify(token, getKey, {
      algorithms: [...ALLOWED_ALGS],
      currentDate: now,
      clockTolerance: CLOCK_LEEWAY_SECONDS,
    });
    return claims;
  } catch (e) {
    if (e instanceof TokenRejectedError) throw e;
    // jose checks claims only after the signature held; redo them in our order with our messages.
    if (e instanceof errors.JWTExpired || e instanceof errors.JWTClaimValidationFailed) {
      checkTimes(parsed.payload, now);
      throw rejection('parse', `claims rejected: ${e.message}`, new InvalidIdentityTokenError(STS_MESSAGES.notAJwt));
    }
    if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) {
      throw rejection('parse', e.message, new InvalidIdentityTokenError(STS_MESSAGES.notAJwt));
    }
    const { kid } = parsed.header;
    // A plain mismatch needs no more words; other failures (e.g. key type vs alg) say what they were.
    const why = e instanceof errors.JWSSignatureVerificationFailed ? '' : `: ${(e as Error).message}`;
    throw rejection('signature', `signature does not verify with key ${JSON.stringify(kid)} of ${String(parsed.payload.iss)}${why}`);
  }
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/**
 * The largest NumericDate a JS Date holds (±8.64e15 ms, ECMA-262 §21.4.1.22). A signed claim
 * beyond it is refused as invalid rather than carried on to code that formats it as a date.
 */
const MAX_NUMERIC_DATE = 8.64e12;

/** A time claim that is present must be a number a Date can hold; exp must be present. */
function checkNumericDates(claims: JsonObject): number {
  const { exp } = claims;
  // JSON.parse turns 1e400 into Infinity: no numeric exp either.
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw rejection('claims', 'token has no numeric exp claim', new InvalidIdentityTokenError(STS_MESSAGES.missingClaim('exp')));
  }
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    const value = claims[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw rejection('claims', `${name} claim is not a number`);
    if (Math.abs(value) > MAX_NUMERIC_DATE) throw rejection('claims', `${name} ${value} is outside the NumericDate range ±${MAX_NUMERIC_DATE}`);
  }
  return exp;
}

/** Step 6: numeric time claims, then exp strictly in the future, then nbf and iat not beyond the leeway. */
export function checkTimes(claims: JsonObject, now: Date): void {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const exp = checkNumericDates(claims);
  if (nowSeconds >= exp) {
    throw rejection('exp', `exp ${iso(exp)} is not after now ${iso(nowSeconds)}`, new ExpiredTokenError(STS_MESSAGES.expired(nowSeconds, exp)));
  }
  for (const [name, value] of [['nbf', claims.nbf], ['iat', claims.iat]] as const) {
    if (typeof value === 'number' && value > nowSeconds + CLOCK_LEEWAY_SECONDS) {
      throw rejection('nbf', `${name} ${iso(value)} is more than ${CLOCK_LEEWAY_SECONDS}s after now ${iso(nowSeconds)}`);
    }
  }
}

/** The token's audiences: `aud` may be one string or an array of them (RFC 7519 §4.1.3). */
export function audiencesOf(claims: JsonObject): string[] {
  const { aud } = claims;
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}
