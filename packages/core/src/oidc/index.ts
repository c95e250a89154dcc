export {
  DISCOVERY_PATH,
  JWKS_PATH,
  OIDC_CACHE_CONTROL,
  discoveryDocument,
  issuerHostPath,
  issuerUrl,
} from './issuer.js';
export type { DiscoveryDocument } from './issuer.js';
export { fetchableIssuerUrl } from './http-issuers.js';
