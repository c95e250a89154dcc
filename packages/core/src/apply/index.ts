export { applyDocument } from './apply.js';
export { parseApplyDocument } from './parse-document.js';
export type { ApplyDocument, ClusterDecl, OidcProviderDecl, PodIdentityAssociationDecl, RoleDecl, ServiceAccountDecl, TrustPolicyDecl } from './schema.js';
export type { ApplySummary, Change, ChangeAction, ResourceKind } from './summary.js';
export { ConfigError } from './errors.js';
