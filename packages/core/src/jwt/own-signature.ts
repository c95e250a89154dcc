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
 * Tokens whose signature already held, by their exact text. A pod's SDK presents the same
 * projected token on every credential refresh until kubelet rotates it, and the RSA check is
 * the largest single cost of AssumeRoleWithWebIdentity. Sound because the text fixes alg, kid,
 * signing input and signature, and a kid names one immutable key (its SPKI hash, keys/kid.ts);
 * whether the cluster still publishes that kid, and the times and audience, are checked on
 * every call. Bounded: when full, the oldest entry goes.
 */
const VERIFIED_CAPACITY = 1024;
const verifiedTokens = new Set<string>();

function rememberVerified(token: string): void {
  if (verifiedTokens.size >= VERIFIED_CAPACITY) verifiedTokens.delete(verifiedTokens.values().next().value as string);
  verifiedTokens.add(token);
}

function signatureHolds(token: string, alg: unknown, key: KeyObject): boolean {
  if (verifiedTokens.has(token)) return true;
  const hash = typeof alg === 'string' ? RSA_HASHES[alg] : undefined;
  const dot = token.lastIndexOf('.');
  const valid = hash !== undefined && verify(hash, Buffer.from(token.slice(0, dot)), key, Buffer.from(token.slice(dot + 1), 'base64url'));
  if (valid) rememberVerified(token);
  return valid;
}

/**
 * Signature check for tokens of eksid's own clusters, on the request hot path. jose 6 verifies
 * through WebCrypto, which is asynchronous and hops to the thread pool (~150 µs per token
 * here); node:crypto's verify runs the same RSASSA-PKCS1-v1_5 check synchronously. Remote
 * issuers keep going through jose (key-resolvers.ts). The alg allowlist ran before this.
 */
export function verifyOwnClusterSignature(store: Store, deps: Deps, clusterName: string, token: string, parsed: ParsedToken): JWTPayload {
  const { kid, alg } = parsed.header;
  const key = typeof kid === 'string' ? clusterVerificationKey(store, deps, clusterName, kid) : undefined;
  if (!key) throw unknownKid(kid, `cluster ${clusterName}`);
  if (!signatureHolds(token, alg, key)) {
    throw rejection('signature', `signature does not verify with key ${JSON.stringify(kid)} of ${String(parsed.payload['iss'])}`);
  }
  return parsed.payload as JWTPayload;
}
