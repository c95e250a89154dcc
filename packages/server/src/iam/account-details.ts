import { getAccountAuthorizationDetails, listEntitiesForPolicy } from '@eksid/core';
import type { AccountDetail, GetAccountAuthorizationDetailsInput, ListEntitiesForPolicyInput, ManagedPolicyDetail, QueryParams, RoleDetail, XmlValue } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { iamInput, pageOf } from './input.js';
import { instanceProfileXml } from './instance-profiles.js';
import { encodeDocument, policyXml, roleXml } from './render.js';

export function parseListEntitiesForPolicyInput(params: QueryParams): ListEntitiesForPolicyInput {
  const i = iamInput('ListEntitiesForPolicy', params);
  return { policyArn: i.PolicyArn, entityFilter: i.EntityFilter, pathPrefix: i.PathPrefix, policyUsageFilter: i.PolicyUsageFilter, ...pageOf(i) };
}

export function parseGetAccountAuthorizationDetailsInput(params: QueryParams): GetAccountAuthorizationDetailsInput {
  const i = iamInput('GetAccountAuthorizationDetails', params);
  return { filter: i.Filter, ...pageOf(i) };
}

/**
 * RoleDetail (API_RoleDetail.html): the Role members less Description and MaxSessionDuration, with
 * the role's policies and instance profiles; documents URL-encoded as everywhere in IAM.
 */
function roleDetailXml({ role, inlinePolicies, attachedPolicies, instanceProfiles }: RoleDetail): XmlValue {
  const { Path, RoleName, RoleId, Arn, CreateDate, AssumeRolePolicyDocument, PermissionsBoundary, Tags, RoleLastUsed } = roleXml(role, 'get') as Record<string, XmlValue>;
  return {
    Path, RoleName, RoleId, Arn, CreateDate, AssumeRolePolicyDocument,
    InstanceProfileList: instanceProfiles.map((p) => instanceProfileXml(p, 'get')),
    RolePolicyList: inlinePolicies.map((p) => ({ PolicyName: p.policyName, PolicyDocument: encodeDocument(p.document) })),
    AttachedManagedPolicies: attachedPolicies.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.policyArn })),
    PermissionsBoundary, Tags, RoleLastUsed,
  };
}

/** ManagedPolicyDetail (API_ManagedPolicyDetail.html): the Policy members less Tags, with every version's document. */
function policyDetailXml({ policy, versions }: ManagedPolicyDetail): XmlValue {
  const { Tags: _tags, ...members } = policyXml(policy, 'get') as Record<string, XmlValue>;
  return {
    ...members,
    PolicyVersionList: versions.map((v) => ({ Document: encodeDocument(v.document), VersionId: v.versionId, IsDefaultVersion: v.isDefaultVersion, CreateDate: v.createdAt })),
  };
}

function accountDetailsXml(page: { items: AccountDetail[]; isTruncated: boolean; marker?: string }): XmlValue {
  const roles: XmlValue[] = [];
  const policies: XmlValue[] = [];
  for (const entry of page.items) {
    if (entry.kind === 'role') roles.push(roleDetailXml(entry.detail));
    else policies.push(policyDetailXml(entry.detail));
  }
  return { UserDetailList: [], GroupDetailList: [], RoleDetailList: roles, Policies: policies, IsTruncated: page.isTruncated, Marker: page.marker };
}

export const accountDetailActions: Record<string, QueryHandler> = {
  // eksid has no users or groups: PolicyGroups and PolicyUsers are always empty.
  ListEntitiesForPolicy: ({ ctx, params }) => {
    const page = listEntitiesForPolicy(ctx, parseListEntitiesForPolicyInput(params));
    return { PolicyGroups: [], PolicyUsers: [], PolicyRoles: page.items.map((r) => ({ RoleName: r.name, RoleId: r.roleId })), IsTruncated: page.isTruncated, Marker: page.marker };
  },
  GetAccountAuthorizationDetails: ({ ctx, params }) => accountDetailsXml(getAccountAuthorizationDetails(ctx, parseGetAccountAuthorizationDetailsInput(params))),
};
