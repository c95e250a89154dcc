import { SignJWT } from 'jose';
import type { CoreConfig } from '../config.js';
import type { Deps } from '../deps.js';
import { clusterSigningKey } from '../keys/index.js';
import { issuerUrl } from '../oidc/index.js';
import type { ServiceAccountRecord, Store } from '../store/index.js';
import { ClusterNotFoundError } from '../eks/errors.js';

/**
 * kube-apiserver's TokenRequest bounds: "may not specify a duration less than 10 minutes" and
 * "may not specify a duration larger than 2^32 seconds" (pkg/apis/authentication/validation).
 */
export const MIN_EXPIRATION_SECONDS = 600;
export const MAX_EXPIRATION_SECONDS = 2 ** 32;

export interface MintRequest {
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  audiences: string[];
  expirationSeconds: number;
  pod?: { name: string; uid: string };
}

function validate(request: MintRequest): void {
  const { namespace, serviceAccount, audiences, expirationSeconds } = request;
  if (!namespace || !serviceAccount) throw new TypeError('namespace and serviceAccount must be non-empty');
  if (!Array.isArray(audiences) || audiences.length === 0 || audiences.some((a) => typeof a !== 'string' || a === '')) {
    throw new TypeError('audiences must be a non-empty array of non-empty strings');
  }
  if (!Number.isInteger(expirationSeconds)) throw new TypeError(`expirationSeconds: Invalid value: ${expirationSeconds}: must be an integer`);
  if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
    throw new TypeError(`expirationSeconds: Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes`);
  }
  if (expirationSeconds > MAX_EXPIRATION_SECONDS) {
    throw new TypeError(`expirationSeconds: Invalid value: ${expirationSeconds}: may not specify a duration larger than 2^32 seconds`);
  }
}

/** The account's uid, as Kubernetes would have assigned it when the account was created. */
function serviceAccountFor(store: Store, deps: Deps, clusterName: string, namespace: string, name: string): ServiceAccountRecord {
  // get-then-upsert: upsert overwrites annotations, so only a missing account is written.
  return (
    store.serviceAccounts.get(clusterName, namespace, name) ??
    store.serviceAccounts.upsert({ clusterName, namespace, name, uid: deps.random.uuid(), annotations: {} })
  );
}

/**
 * A projected service-account token exactly as EKS's kube-apiserver issues it: header
 * {alg, kid}; claims in the order kube's JSON encoding writes them (aud, exp, iat, iss, jti,
 * kubernetes.io, nbf, sub — see the decoded token in seeds/001 and pkg/serviceaccount/claims.go),
 * aud always an array, nbf = iat, and `kubernetes.io.pod` only for pod-bound tokens.
 */
export async function mintServiceAccountToken(store: Store, deps: Deps, config: CoreConfig, request: MintRequest): Promise<string> {
  validate(request);
  const { clusterName, namespace, serviceAccount, audiences, expirationSeconds, pod } = request;
  const cluster = store.clusters.get(config.accountId, clusterName);
  if (!cluster) throw new ClusterNotFoundError(clusterName);
  const sa = serviceAccountFor(store, deps, clusterName, namespace, serviceAccount);
  const { kid, alg, key } = await clusterSigningKey(store, deps, clusterName);
  const iat = Math.floor(deps.clock.now().getTime() / 1000);
  const claims = {
    aud: [...audiences],
    exp: iat + expirationSeconds,
    iat,
    iss: issuerUrl(config, cluster.oidcId),
    jti: deps.random.uuid(),
    'kubernetes.io': {
      namespace,
      ...(pod ? { pod: { name: pod.name, uid: pod.uid } } : {}),
      serviceaccount: { name: serviceAccount, uid: sa.uid },
    },
    nbf: iat,
    sub: `system:serviceaccount:${namespace}:${serviceAccount}`,
  };
  return new SignJWT(claims).setProtectedHeader({ alg, kid }).sign(key);
}
