export { ClusterTokenError, TokenRejectedError } from './errors.js';
export type { ClusterTokenReason, TokenCheck } from './errors.js';
export { RemoteKeyResolver } from './key-resolvers.js';
export type { RemoteKeyOptions } from './key-resolvers.js';
export { MAX_EXPIRATION_SECONDS, MIN_EXPIRATION_SECONDS, mintServiceAccountToken } from './mint.js';
export type { MintRequest } from './mint.js';
export { ALLOWED_ALGS, CLOCK_LEEWAY_SECONDS, MAX_TOKEN_LENGTH, STS_MESSAGES } from './token-checks.js';
export { ownClusterName, verifyClusterToken, verifyWebIdentityToken } from './verify.js';
export type { VerifyWebIdentityOptions, WebIdentityVerification } from './verify.js';
