// The IAM domain: roles, inline and managed policies, attachments, OIDC providers.
export type { IamContext } from './context.js';
export { NoSuchEntityError, EntityAlreadyExistsError, DeleteConflictError, LimitExceededError, InvalidInputError, PolicyNotAttachableError } from './errors.js';
export type { Page, PageRequest } from './paginate.js';
export { checkPolicyDocument } from './documents.js';
export { isAwsManagedPolicyArn, managedPolicyDocument, policyNameOfArn } from './managed-arns.js';
export { AWS_MANAGED_POLICIES_SOURCE, awsManagedCatalogueLoaded } from './aws-managed/load.js';
export { createRole, getRole, listRoles, deleteRole } from './roles.js';
export type { CreateRoleInput, ListRolesInput } from './roles.js';
export { updateRole, updateRoleDescription, updateAssumeRolePolicy, tagRole, untagRole, listRoleTags } from './role-updates.js';
export type { UpdateRoleInput } from './role-updates.js';
export {
  createInstanceProfile,
  getInstanceProfile,
  deleteInstanceProfile,
  listInstanceProfiles,
  listInstanceProfilesForRole,
  addRoleToInstanceProfile,
  removeRoleFromInstanceProfile,
} from './instance-profiles.js';
export type { InstanceProfile, CreateInstanceProfileInput, ListInstanceProfilesInput, InstanceProfileRoleInput } from './instance-profiles.js';
export { putRolePermissionsBoundary, deleteRolePermissionsBoundary } from './permissions-boundaries.js';
export { putRolePolicy, getRolePolicy, listRolePolicies, deleteRolePolicy } from './role-policies.js';
export type { InlinePolicy, PutRolePolicyInput } from './role-policies.js';
export { createPolicy, getPolicy, listPolicies, deletePolicy } from './managed-policies.js';
export type { ManagedPolicy, CreatePolicyInput, ListPoliciesInput } from './managed-policies.js';
export { getPolicyVersion, listPolicyVersions, createPolicyVersion, setDefaultPolicyVersion, deletePolicyVersion } from './policy-versions.js';
export type { ManagedPolicyVersion, PolicyVersionInput, ListPolicyVersionsInput, CreatePolicyVersionInput } from './policy-versions.js';
export { tagPolicy, untagPolicy, listPolicyTags } from './policy-tags.js';
export { listEntitiesForPolicy } from './policy-entities.js';
export type { ListEntitiesForPolicyInput } from './policy-entities.js';
export { getAccountAuthorizationDetails } from './account-details.js';
export type { AccountDetail, AccountEntityType, GetAccountAuthorizationDetailsInput, ManagedPolicyDetail, RoleDetail } from './account-details.js';
export { attachRolePolicy, detachRolePolicy, listAttachedRolePolicies } from './attachments.js';
export type { AttachedPolicy, ListAttachedRolePoliciesInput } from './attachments.js';
export {
  createOpenIdConnectProvider,
  getOpenIdConnectProvider,
  listOpenIdConnectProviders,
  deleteOpenIdConnectProvider,
  providerHostPath,
} from './oidc-providers.js';
export type { CreateOpenIdConnectProviderInput } from './oidc-providers.js';
export {
  addClientIdToOpenIdConnectProvider,
  removeClientIdFromOpenIdConnectProvider,
  updateOpenIdConnectProviderThumbprint,
  tagOpenIdConnectProvider,
  untagOpenIdConnectProvider,
  listOpenIdConnectProviderTags,
} from './oidc-provider-updates.js';
export * from './member-rules.js';
export * from './simulate/index.js';
