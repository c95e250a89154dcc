import { verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { Deps } from '../deps.js';
import { clusterVerificationKey } from '../keys/index.js';
import type { Store } from '../store/index.js';
import { rejection, unknownKid } from './token-checks.js';
import type { ParsedToken } from './token-checks.js';

// eksid's own cluster keys are RSA (keys/cluster-keys.ts), so only RS* can match them.
const RSA_HASHES: Readonly<Record<string, string>> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

/**
 * Tokens whose signature already held, by their exact text, with their parse. A pod's SDK
 * presents the same projected token on every credential refresh until kubelet rotates it, and
 * the RSA check is the largest single cost of AssumeRoleWithWebIdentity. Sound because the
 * text fixes alg, kid, signing input and signature, and a kid names one immutable key (its
 * SPKI hash, keys/kid.ts); whether the cluster still publishes that kid, and the times and
 * audience, are checked on every call. The parse is a function of the text too, so it is
 * kept (frozen: every request shares it) instead of decoding the token again. Bounded: when
 * full, the oldest entry goes.
 */
const VERIFIED_CAPACITY = 1024;
const verifiedTokens = new Map<string, ParsedToken>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function rememberVerified(token: string, parsed: ParsedToken): void {
  if (verifiedTokens.size >= VERIFIED_CAPACITY) verifiedTokens.delete(verifiedTokens.keys().next().value as string);
  verifiedTokens.set(token, deepFreeze(parsed));
}

/** parseToken's answer for a token whose signature already held here, without decoding it again. */
export function parsedIfVerified(token: string): ParsedToken | undefined {
  return verifiedTokens.get(token);
}

function signatureHolds(token: string, parsed: ParsedToken, key: KeyObject): boolean {
  if (verifiedTokens.has(token)) return true;
  const { alg } = parsed.header;
  const hash = typeof alg === 'string' ? RSA_HASHES[alg] : undefined;
  const dot = token.lastIndexOf('.');
  const valid = hash !== undefined && verify(hash, Buffer.from(token.slice(0, dot)), key, Buffer.from(token.slice(dot + 1), 'base64url'));
  if (valid) rememberVerified(token, parsed);
  return valid;
}

/**
 * Signature check for tokens of eksid's own clusters, on the request hot path. jose 6 verifies
 * through WebCrypto, which is asynchronous and hops to the thread pool (~150 µs per token
 * here); node:crypto's verify runs the same RSASSA-PKCS1-v1_5 check synchronously. Remote
 * issuers keep going through jose (key-resolvers.ts). The alg allowlist ran before this.
 */
export function verifyOwnClusterSignature(store: Store, deps: Deps, clusterName: string, token: string, parsed: ParsedToken): JWTPayload {
  const { kid } = parsed.header;
  const key = typeof kid === 'string' ? clusterVerificationKey(store, deps, clusterName, kid) : undefined;
  if (!key) throw unknownKid(kid, `cluster ${clusterName}`);
  if (!signatureHolds(token, parsed, key)) {
    throw rejection('signature', `signature does not verify with key ${JSON.stringify(kid)} of ${String(parsed.payload['iss'])}`);
  }
  return parsed.payload as JWTPayload;
}
