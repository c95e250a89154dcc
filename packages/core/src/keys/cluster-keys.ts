import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { Deps } from '../deps.js';
import type { SigningKeyRecord, Store } from '../store/index.js';
import { keyIdFromPublicJwk } from './kid.js';

/** kube-apiserver signs service-account tokens with RS256 only (pkg/serviceaccount/openidmetadata.go). */
export const SIGNING_ALG = 'RS256';

/** One entry of a cluster's JWKS, fields in the order EKS serves them (EKS user guide, irsa-fetch-keys). */
export interface PublicJwk {
  kty: string;
  kid: string;
  use: 'sig';
  alg: string;
  n: string;
  e: string;
}

export interface ClusterSigningKey {
  kid: string;
  alg: string;
  key: KeyObject;
}

export interface ExportedClusterKey {
  kid: string;
  /** PKCS#8 PEM, for kube-apiserver --service-account-signing-key-file. */
  privateKeyPem: string;
  /** SPKI PEM, for kube-apiserver --service-account-key-file. */
  publicKeyPem: string;
}

// Parsed keys by kid. Minting and verifying are benchmarked hot paths and parsing an RSA
// JWK costs far more than signing; a kid names one immutable key, so entries never go stale.
const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

function cached(cache: Map<string, KeyObject>, kid: string, make: () => KeyObject): KeyObject {
  let key = cache.get(kid);
  if (!key) {
    key = make();
    cache.set(kid, key);
  }
  return key;
}

async function newKeyRecord(deps: Deps, clusterName: string): Promise<SigningKeyRecord> {
  const pair = await generateKeyPair(SIGNING_ALG, { modulusLength: 2048, extractable: true });
  const privateJwk = await exportJWK(pair.privateKey);
  const { kty, n, e } = await exportJWK(pair.publicKey);
  const publicJwk = { kty, n, e };
  return {
    kid: keyIdFromPublicJwk(publicJwk as JsonWebKey),
    clusterName,
    alg: SIGNING_ALG,
    privateJwk: { ...privateJwk },
    publicJwk,
    createdAt: deps.clock.now(),
    retiredAt: null,
    publishUntil: null,
  };
}

/** Returns the cluster's active key, creating an RSA-2048 one when it has none. */
export async function ensureClusterKey(store: Store, deps: Deps, clusterName: string): Promise<SigningKeyRecord> {
  const existing = store.signingKeys.active(clusterName);
  if (existing) return existing;
  const fresh = await newKeyRecord(deps, clusterName);
  // Key generation awaits, so a concurrent call may have won: re-check inside the transaction.
  return store.transaction(() => {
    const winner = store.signingKeys.active(clusterName);
    if (winner) return winner;
    store.signingKeys.insert(fresh);
    return fresh;
  });
}

export interface RotateOptions {
  /** Longest lifetime of a token the old key signed; it stays in the JWKS that long. */
  maxTokenLifetimeSeconds: number;
}

/**
 * Makes a new active key. The old one signs nothing more but stays published until
 * retired_at + maxTokenLifetimeSeconds so tokens it already signed keep verifying — the
 * overlap EKS gives when it rotates its issuer keys every seven days (EKS user guide,
 * irsa-fetch-keys). Keys whose overlap has ended are pruned here.
 */
export async function rotateClusterKey(store: Store, deps: Deps, clusterName: string, options: RotateOptions): Promise<SigningKeyRecord> {
  const { maxTokenLifetimeSeconds } = options;
  if (!Number.isInteger(maxTokenLifetimeSeconds) || maxTokenLifetimeSeconds < 0) {
    throw new TypeError(`maxTokenLifetimeSeconds must be a non-negative integer, got ${maxTokenLifetimeSeconds}`);
  }
  const fresh = await newKeyRecord(deps, clusterName);
  const now = deps.clock.now();
  return store.transaction(() => {
    const old = store.signingKeys.active(clusterName);
    if (old) store.signingKeys.retire(old.kid, now, new Date(now.getTime() + maxTokenLifetimeSeconds * 1000));
    store.signingKeys.insert(fresh);
    store.signingKeys.prune(now);
    return fresh;
  });
}

function toPublicJwk(record: SigningKeyRecord): PublicJwk {
  const { kty, n, e } = record.publicJwk as { kty: string; n: string; e: string };
  return { kty, kid: record.kid, use: 'sig', alg: record.alg, n, e };
}

/** The cluster's JWKS as served at `<issuer>/keys`: every key a verifier must accept now. */
export function jwksFor(store: Store, deps: Deps, clusterName: string): { keys: PublicJwk[] } {
  return { keys: store.signingKeys.published(clusterName, deps.clock.now()).map(toPublicJwk) };
}

/** The active key ready to sign with; creates one when the cluster has none. */
export async function clusterSigningKey(store: Store, deps: Deps, clusterName: string): Promise<ClusterSigningKey> {
  const record = await ensureClusterKey(store, deps, clusterName);
  const key = cached(privateKeys, record.kid, () => createPrivateKey({ key: record.privateJwk as JsonWebKey, format: 'jwk' }));
  return { kid: record.kid, alg: record.alg, key };
}

/** The published key with this kid, or undefined when the cluster publishes none by that id now. */
export function clusterVerificationKey(store: Store, deps: Deps, clusterName: string, kid: string): KeyObject | undefined {
  // One indexed lookup per token (verification is on the request hot path); the JWK is parsed once per kid.
  const jwk = store.signingKeys.publishedPublicJwk(clusterName, kid, deps.clock.now());
  return jwk === undefined ? undefined : cached(publicKeys, kid, () => createPublicKey({ key: JSON.parse(jwk) as JsonWebKey, format: 'jwk' }));
}

/** The active key as PEM files, e.g. for a kind API server that should sign as this cluster. */
export async function exportClusterKey(store: Store, deps: Deps, clusterName: string): Promise<ExportedClusterKey> {
  const record = await ensureClusterKey(store, deps, clusterName);
  const privateKey = createPrivateKey({ key: record.privateJwk as JsonWebKey, format: 'jwk' });
  return {
    kid: record.kid,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string,
  };
}
