import { createHash, createPublicKey } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';

/**
 * The key id kube-apiserver gives a service-account signing key: base64url (no padding) of
 * the SHA-256 of the public key's SPKI DER. Deriving it from the key (not a counter) keeps
 * it stable across restarts and identical to what a kind API server given the same key
 * file puts in its tokens. Source: kubernetes/kubernetes pkg/serviceaccount/jwt.go
 * keyIDFromPublicKey (x509.MarshalPKIXPublicKey → sha256 → base64.RawURLEncoding),
 * also copied into aws/amazon-eks-pod-identity-webhook hack/self-hosted/main.go.
 */
export function keyIdFromPublicJwk(publicJwk: JsonWebKey): string {
  const der = createPublicKey({ key: publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64url');
}
