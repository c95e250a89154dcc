import type { CoreConfig } from '../config.js';

/**
 * Cache-Control for the discovery document and the JWKS. kube-apiserver serves both with
 * `public, max-age=<n>` (kubernetes pkg/routes/openidmetadata.go cacheControlTemplate) and
 * n = 3600 for its static keys; EKS asks verifiers to respect this header because it
 * throttles the endpoint (EKS user guide, irsa-fetch-keys).
 */
export const OIDC_CACHE_CONTROL = 'public, max-age=3600';

/** Where the discovery document lives under an issuer (OpenID Connect Discovery 1.0 §4). */
export const DISCOVERY_PATH = '/.well-known/openid-configuration';

/** EKS serves the JWKS at `<issuer>/keys` (EKS user guide, irsa-fetch-keys). */
export const JWKS_PATH = '/keys';

/** A cluster's issuer, shaped like EKS's `https://oidc.eks.<region>.amazonaws.com/id/<OIDC_ID>`. */
export function issuerUrl(config: CoreConfig, oidcId: string): string {
  return `${config.publicUrl}/id/${oidcId}`;
}

/**
 * The issuer as IAM stores an OIDC provider's URL: no scheme, no trailing slash. STS matches
 * a token's `iss` to a provider this way, so `https://x/` and `https://x` name one provider.
 */
export function issuerHostPath(url: string): string {
  return url.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
}

export interface DiscoveryDocument {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint: string;
  response_types_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  claims_supported: string[];
}

/**
 * The document EKS serves at `<issuer>/.well-known/openid-configuration`, field for field.
 * It is kube-apiserver's (pkg/serviceaccount/openidmetadata.go openIDMetadata: issuer,
 * jwks_uri, response_types_supported ["id_token"], subject_types_supported ["public"],
 * id_token_signing_alg_values_supported ["RS256"]) plus the two fields EKS adds:
 * authorization_endpoint "urn:kubernetes:programmatic_authorization" and claims_supported
 * ["sub","iss"] (as mirrored from EKS in e.g. defn/dev m/c/discovery.cue).
 */
export function discoveryDocument(issuer: string): DiscoveryDocument {
  return {
    issuer,
    jwks_uri: `${issuer}${JWKS_PATH}`,
    authorization_endpoint: 'urn:kubernetes:programmatic_authorization',
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'iss'],
  };
}
