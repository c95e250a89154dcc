export { newAccessKeyId, accountIdFromAccessKeyId } from './access-key.js';
export { newRoleId, newPolicyId, newUserId, newInstanceProfileId } from './unique-id.js';
export { newSecretAccessKey, newSessionToken } from './secrets.js';
export { newRequestId } from './request-id.js';
export { newOidcId } from './oidc-id.js';
export { parseArn, roleArn, policyArn, instanceProfileArn, assumedRoleArn, oidcProviderArn, clusterArn, rootArn } from './arn.js';
export type { Arn } from './arn.js';
