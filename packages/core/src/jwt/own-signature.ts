import type { JWTPayload } from 'jose';
import type { Deps } from '../deps.js';
import type { Store } from '../store/index.js';
import { ownClusterKeys } from './key-resolvers.js';
import { verifySignature } from './token-checks.js';
import type { ParsedToken } from './token-checks.js';

/**
 * Tokens whose signature already held, by their exact text, with their parse. A pod's SDK
 * presents the same projected token on every credential refresh until kubelet rotates it, and
 * the signature check is the largest single cost of AssumeRoleWithWebIdentity. Sound because
 * the text fixes alg, kid, signing input and signature, and a kid names one immutable key (its
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

/**
 * Signature check for tokens of eksid's own clusters: jose's, as for every issuer, with the
 * cluster's published keys as the resolver; a token seen verified before only has its kid
 * looked up again (still published?). The alg allowlist and crit check ran before this.
 */
export async function verifyOwnClusterSignature(store: Store, deps: Deps, clusterName: string, token: string, parsed: ParsedToken, now: Date): Promise<JWTPayload> {
  const keys = ownClusterKeys(store, deps, clusterName);
  if (verifiedTokens.has(token)) {
    keys(parsed.header);
  } else {
    await verifySignature(token, keys, now, parsed);
    rememberVerified(token, parsed);
  }
  return parsed.payload as JWTPayload;
}
