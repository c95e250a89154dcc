import type { RoleRecord } from '../store/index.js';
import type { IamContext } from './context.js';
import { instanceProfilesOfRole } from './instance-profiles.js';
import type { InstanceProfile } from './instance-profiles.js';
import { isAwsManagedPolicyArn, policyNameOfArn } from './managed-arns.js';
import type { AttachedPolicy } from './attachments.js';
import { getPolicy, listPolicies } from './managed-policies.js';
import type { ManagedPolicy } from './managed-policies.js';
import { paginate } from './paginate.js';
import type { Page, PageRequest } from './paginate.js';
import { versionsOf } from './policy-versions.js';
import type { ManagedPolicyVersion } from './policy-versions.js';

export type AccountEntityType = 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy';

export interface GetAccountAuthorizationDetailsInput extends PageRequest {
  /** Entity types to include; none given: all of them. */
  filter?: readonly AccountEntityType[] | undefined;
}

export interface RoleDetail {
  role: RoleRecord;
  inlinePolicies: { policyName: string; document: string }[];
  attachedPolicies: AttachedPolicy[];
  instanceProfiles: InstanceProfile[];
}

export interface ManagedPolicyDetail {
  policy: ManagedPolicy;
  versions: ManagedPolicyVersion[];
}

export type AccountDetail = { kind: 'role'; detail: RoleDetail } | { kind: 'policy'; detail: ManagedPolicyDetail };

/**
 * GetAccountAuthorizationDetails: the account's roles (with their inline, attached and boundary
 * policies) and managed policies (with every version), one page over both, roles first; MaxItems
 * counts entries of either kind. eksid has no users or groups. Of the AWS managed policies only
 * those in use in the account are listed ("in-use" policies, as joshlarsen/aws-recon#21 found;
 * AWS's catalogue has over a thousand): attached to a role or a role's permissions boundary.
 */
export function getAccountAuthorizationDetails(ctx: IamContext, input: GetAccountAuthorizationDetailsInput = {}): Page<AccountDetail> {
  const wanted = (type: AccountEntityType): boolean => input.filter === undefined || input.filter.length === 0 || input.filter.includes(type);
  const entries: AccountDetail[] = [];
  if (wanted('Role')) {
    for (const role of ctx.store.roles.list(ctx.config.accountId)) entries.push({ kind: 'role', detail: roleDetail(ctx, role) });
  }
  const local = wanted('LocalManagedPolicy') ? allPages((page) => listPolicies(ctx, { scope: 'Local', ...page })) : [];
  const aws = wanted('AWSManagedPolicy') ? awsPoliciesInUse(ctx) : [];
  const policies = [...local, ...aws].sort((a, b) => compareText(policyKey(a), policyKey(b)));
  for (const policy of policies) entries.push({ kind: 'policy', detail: { policy, versions: versionsOf(ctx, policy.arn) } });
  return paginate(entries, entryKey, input);
}

/** Only these are read from the catalogue, which is not loaded when none is in use. */
function awsPoliciesInUse(ctx: IamContext): ManagedPolicy[] {
  const { accountId } = ctx.config;
  const arns = new Set(ctx.store.policies.attachmentCounts(accountId).keys());
  for (const role of ctx.store.roles.list(accountId)) if (role.permissionsBoundary !== null) arns.add(role.permissionsBoundary);
  return [...arns].filter((arn) => isAwsManagedPolicyArn(ctx, arn)).map((arn) => getPolicy(ctx, arn));
}

function roleDetail(ctx: IamContext, role: RoleRecord): RoleDetail {
  const { policies } = ctx.store;
  const inlinePolicies = policies.listInline(role.accountId, role.name).flatMap((name) => policies.getInline(role.accountId, role.name, name) ?? []);
  const attachedPolicies = policies.attachedToRole(role.accountId, role.name).map((arn) => ({ policyName: policyNameOfArn(arn), policyArn: arn }));
  return { role, inlinePolicies, attachedPolicies, instanceProfiles: instanceProfilesOfRole(ctx, role) };
}

// Roles sort before policies, each by name (as ListRoles and ListPolicies order them), as the page lists them.
const policyKey = (p: ManagedPolicy): string => `${p.name} ${p.arn}`;
const entryKey = (e: AccountDetail): string => (e.kind === 'role' ? `1 ${e.detail.role.name}` : `2 ${policyKey(e.detail.policy)}`);

function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function allPages<T>(list: (page: PageRequest) => Page<T>): T[] {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const page = list({ marker, maxItems: 1000 });
    items.push(...page.items);
    marker = page.marker;
  } while (marker !== undefined);
  return items;
}
