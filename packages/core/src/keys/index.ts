export {
  SIGNING_ALG,
  clusterSigningKey,
  clusterVerificationKey,
  ensureClusterKey,
  exportClusterKey,
  jwksFor,
  rotateClusterKey,
} from './cluster-keys.js';
export type { ClusterSigningKey, ExportedClusterKey, PublicJwk, RotateOptions } from './cluster-keys.js';
export { keyIdFromPublicJwk } from './kid.js';
