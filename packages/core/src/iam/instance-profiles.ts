import { instanceProfileArn, newInstanceProfileId } from '../ids/index.js';
import type { InstanceProfileRecord, RoleRecord, Tag } from '../store/index.js';
import type { IamContext } from './context.js';
import { DeleteConflictError, EntityAlreadyExistsError, LimitExceededError, NoSuchEntityError } from './errors.js';
import { paginate } from './paginate.js';
import type { Page, PageRequest } from './paginate.js';
import { getRole } from './roles.js';
import { checkUniqueTagKeys } from './tags.js';

/*
 * IAM instance profiles. Messages as IAM words them (seen in clients' reports of real calls):
 * "Instance Profile NAME already exists." (hashicorp/terraform-provider-aws#8041),
 * "Instance Profile NAME cannot be found." (DataBiosphere/toil#4836, skyplane-project/skyplane#724),
 * "Cannot delete entity, must remove roles from instance profile first." (cloud-custodian#6044),
 * "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1" (the string clients such as
 * aws/karpenter's tests match on when a profile already holds its role).
 */

/** An instance profile with its role resolved, as the InstanceProfile shape carries it. */
export interface InstanceProfile extends InstanceProfileRecord {
  roles: RoleRecord[];
}

export interface CreateInstanceProfileInput {
  instanceProfileName: string;
  path?: string | undefined;
  tags?: Tag[] | undefined;
}

export function createInstanceProfile(ctx: IamContext, input: CreateInstanceProfileInput): InstanceProfile {
  const { accountId, partition } = ctx.config;
  if (ctx.store.instanceProfiles.get(accountId, input.instanceProfileName)) throw new EntityAlreadyExistsError(`Instance Profile ${input.instanceProfileName} already exists.`);
  checkUniqueTagKeys(input.tags ?? []);
  const path = input.path ?? '/';
  const profile: InstanceProfileRecord = {
    accountId,
    name: input.instanceProfileName,
    instanceProfileId: newInstanceProfileId(ctx.deps.random, accountId),
    path,
    arn: instanceProfileArn(partition, accountId, path, input.instanceProfileName),
    roleName: null,
    tags: input.tags ?? [],
    createdAt: ctx.deps.clock.now(),
  };
  ctx.store.instanceProfiles.put(profile);
  return withRoles(ctx, profile);
}

export function getInstanceProfile(ctx: IamContext, name: string): InstanceProfile {
  return withRoles(ctx, findProfile(ctx, name));
}

/** IAM deletes only an empty profile. */
export function deleteInstanceProfile(ctx: IamContext, name: string): void {
  const profile = findProfile(ctx, name);
  if (profile.roleName !== null) throw new DeleteConflictError('Cannot delete entity, must remove roles from instance profile first.');
  ctx.store.instanceProfiles.delete(profile.accountId, profile.name);
}

export interface ListInstanceProfilesInput extends PageRequest {
  pathPrefix?: string | undefined;
}

export function listInstanceProfiles(ctx: IamContext, input: ListInstanceProfilesInput = {}): Page<InstanceProfile> {
  const page = paginate(ctx.store.instanceProfiles.list(ctx.config.accountId, input.pathPrefix ?? '/'), (p) => p.name, input);
  return { ...page, items: page.items.map((p) => withRoles(ctx, p)) };
}

/**
 * The profiles holding a role. terraform-provider-aws calls it before DeleteRole and tolerates
 * only NoSuchEntity, so an unknown role answers that, in GetRole's words.
 */
export function listInstanceProfilesForRole(ctx: IamContext, input: { roleName: string } & PageRequest): Page<InstanceProfile> {
  const role = getRole(ctx, input.roleName);
  const page = paginate(ctx.store.instanceProfiles.forRole(role.accountId, role.name), (p) => p.name, input);
  return { ...page, items: page.items.map((p) => withRoles(ctx, p)) };
}

export interface InstanceProfileRoleInput {
  instanceProfileName: string;
  roleName: string;
}

/** A profile holds one role at most: a second (or the same one again) is LimitExceeded. */
export function addRoleToInstanceProfile(ctx: IamContext, input: InstanceProfileRoleInput): void {
  const profile = findProfile(ctx, input.instanceProfileName);
  const role = getRole(ctx, input.roleName);
  if (profile.roleName !== null) throw new LimitExceededError('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
  ctx.store.instanceProfiles.put({ ...profile, roleName: role.name });
}

export function removeRoleFromInstanceProfile(ctx: IamContext, input: InstanceProfileRoleInput): void {
  const profile = findProfile(ctx, input.instanceProfileName);
  const role = getRole(ctx, input.roleName);
  // IAM answers NoSuchEntity for a role the profile does not hold (clients treat it as "already
  // removed"); its exact words for this case are not published, so these are GetRole's.
  if (profile.roleName === null || profile.roleName.toLowerCase() !== role.name.toLowerCase()) throw new NoSuchEntityError(`The role with name ${input.roleName} cannot be found.`);
  ctx.store.instanceProfiles.put({ ...profile, roleName: null });
}

function findProfile(ctx: IamContext, name: string): InstanceProfileRecord {
  const profile = ctx.store.instanceProfiles.get(ctx.config.accountId, name);
  if (!profile) throw new NoSuchEntityError(`Instance Profile ${name} cannot be found.`);
  return profile;
}

/** The profiles holding a role, with their role (GetAccountAuthorizationDetails lists them per role). */
export function instanceProfilesOfRole(ctx: IamContext, role: RoleRecord): InstanceProfile[] {
  return ctx.store.instanceProfiles.forRole(role.accountId, role.name).map((p) => withRoles(ctx, p));
}

function withRoles(ctx: IamContext, profile: InstanceProfileRecord): InstanceProfile {
  const role = profile.roleName === null ? undefined : ctx.store.roles.get(profile.accountId, profile.roleName);
  return { ...profile, roles: role ? [role] : [] };
}
