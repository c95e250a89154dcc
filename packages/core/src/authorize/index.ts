export type { AdminRequest } from './admin-request.js';
export { authorizeAdminCall } from './authorize-admin-call.js';
export type { AdminApi } from './authorize-admin-call.js';
export { IAM_ADMIN_OPERATIONS, iamAdminRequest } from './iam-requests.js';
export { eksAccountRequest, eksAddonRequest, eksAssociationRequest, eksClusterRequest, eksPassRoleRequest, eksTaggingRequest } from './eks-requests.js';
export type { EksAccountOperation, EksAssociationOperation, EksClusterOperation } from './eks-requests.js';
export { EksAccessDeniedError } from './errors.js';
