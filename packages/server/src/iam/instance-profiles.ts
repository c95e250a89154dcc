import {
  addRoleToInstanceProfile,
  createInstanceProfile,
  deleteInstanceProfile,
  getInstanceProfile,
  listInstanceProfiles,
  listInstanceProfilesForRole,
  removeRoleFromInstanceProfile,
} from '@eksid/core';
import type { CreateInstanceProfileInput, InstanceProfile, InstanceProfileRoleInput, ListInstanceProfilesInput, PageRequest, QueryParams, RoleRecord, XmlValue } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { iamInput, pageOf } from './input.js';
import { encodeDocument, pageXml, tagsXml } from './render.js';

export function parseCreateInstanceProfileInput(params: QueryParams): CreateInstanceProfileInput {
  const i = iamInput('CreateInstanceProfile', params);
  return { instanceProfileName: i.InstanceProfileName, path: i.Path, tags: i.Tags ?? [] };
}

/** The one-member input of GetInstanceProfile and DeleteInstanceProfile. */
export function parseInstanceProfileNameInput(params: QueryParams): { instanceProfileName: string } {
  return { instanceProfileName: iamInput('GetInstanceProfile', params).InstanceProfileName };
}

export function parseListInstanceProfilesInput(params: QueryParams): ListInstanceProfilesInput {
  const i = iamInput('ListInstanceProfiles', params);
  return { pathPrefix: i.PathPrefix, ...pageOf(i) };
}

export function parseListInstanceProfilesForRoleInput(params: QueryParams): { roleName: string } & PageRequest {
  const i = iamInput('ListInstanceProfilesForRole', params);
  return { roleName: i.RoleName, ...pageOf(i) };
}

/** AddRoleToInstanceProfile and RemoveRoleFromInstanceProfile take the same two members. */
export function parseInstanceProfileRoleInput(params: QueryParams): InstanceProfileRoleInput {
  const i = iamInput('AddRoleToInstanceProfile', params);
  return { instanceProfileName: i.InstanceProfileName, roleName: i.RoleName };
}

/**
 * A role inside an InstanceProfile: IAM answers the six members of the example in
 * API_GetInstanceProfile.html (no Description, MaxSessionDuration, boundary or tags).
 */
function profileRoleXml(role: RoleRecord): XmlValue {
  return { Path: role.path, RoleName: role.name, RoleId: role.roleId, Arn: role.arn, CreateDate: role.createdAt, AssumeRolePolicyDocument: encodeDocument(role.assumeRolePolicy) };
}

/**
 * The InstanceProfile shape (botocore member order). Roles is always present, empty or not;
 * the List* actions leave Tags out ("this operation does not return tags", API_ListInstanceProfiles.html).
 */
export function instanceProfileXml(profile: InstanceProfile, view: 'get' | 'list'): XmlValue {
  return {
    Path: profile.path,
    InstanceProfileName: profile.name,
    InstanceProfileId: profile.instanceProfileId,
    Arn: profile.arn,
    CreateDate: profile.createdAt,
    Roles: profile.roles.map(profileRoleXml),
    Tags: view === 'list' ? undefined : tagsXml(profile.tags),
  };
}

export const instanceProfileActions: Record<string, QueryHandler> = {
  CreateInstanceProfile: ({ ctx, params }) => ({ InstanceProfile: instanceProfileXml(createInstanceProfile(ctx, parseCreateInstanceProfileInput(params)), 'get') }),
  GetInstanceProfile: ({ ctx, params }) => ({ InstanceProfile: instanceProfileXml(getInstanceProfile(ctx, parseInstanceProfileNameInput(params).instanceProfileName), 'get') }),
  DeleteInstanceProfile: ({ ctx, params }) => void deleteInstanceProfile(ctx, parseInstanceProfileNameInput(params).instanceProfileName),
  ListInstanceProfiles: ({ ctx, params }) =>
    pageXml('InstanceProfiles', listInstanceProfiles(ctx, parseListInstanceProfilesInput(params)), (p) => instanceProfileXml(p, 'list')),
  ListInstanceProfilesForRole: ({ ctx, params }) =>
    pageXml('InstanceProfiles', listInstanceProfilesForRole(ctx, parseListInstanceProfilesForRoleInput(params)), (p) => instanceProfileXml(p, 'list')),
  AddRoleToInstanceProfile: ({ ctx, params }) => void addRoleToInstanceProfile(ctx, parseInstanceProfileRoleInput(params)),
  RemoveRoleFromInstanceProfile: ({ ctx, params }) => void removeRoleFromInstanceProfile(ctx, parseInstanceProfileRoleInput(params)),
};
