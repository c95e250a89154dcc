import type { ManagedPolicy, OidcProviderRecord, Page, RoleRecord, Tag, XmlValue } from '@eksid/core';

/**
 * IAM returns policy documents URL-encoded (RFC 3986 percent-encoding of the text as stored),
 * e.g. AssumeRolePolicyDocument in GetRole: "Policy documents are URL-encoded compliant with
 * RFC 3986" (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html). Clients
 * percent-decode without turning '+' into ' ', so spaces must be %20.
 */
export function encodeDocument(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function tagXml(tag: Tag): XmlValue {
  return { Key: tag.Key, Value: tag.Value };
}

/** IAM leaves Tags out of a resource that has none. */
export function tagsXml(tags: readonly Tag[]): XmlValue {
  return tags.length > 0 ? tags.map(tagXml) : undefined;
}

/**
 * The Role shape. Which members appear depends on the action: ListRoles omits Tags,
 * PermissionsBoundary and RoleLastUsed ("IAM resource-listing operations return a subset of
 * the available attributes", API_ListRoles.html); RoleLastUsed is GetRole's alone.
 */
export function roleXml(role: RoleRecord, view: 'create' | 'get' | 'list'): XmlValue {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createdAt,
    AssumeRolePolicyDocument: encodeDocument(role.assumeRolePolicy),
    Description: role.description ?? undefined,
    MaxSessionDuration: view === 'create' ? undefined : role.maxSessionDuration,
    PermissionsBoundary:
      view === 'list' || role.permissionsBoundary === null
        ? undefined
        : { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: role.permissionsBoundary },
    Tags: view === 'list' ? undefined : tagsXml(role.tags),
    // eksid does not track last use; GetRole always carries the (empty) element.
    RoleLastUsed: view === 'get' ? {} : undefined,
  };
}

/** The Policy shape; Description and Tags are GetPolicy/CreatePolicy only (API_Policy.html). */
export function policyXml(policy: ManagedPolicy, view: 'create' | 'get' | 'list'): XmlValue {
  return {
    PolicyName: policy.name,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: policy.attachmentCount,
    PermissionsBoundaryUsageCount: policy.permissionsBoundaryUsageCount,
    IsAttachable: policy.isAttachable,
    Description: view === 'list' ? undefined : (policy.description ?? undefined),
    CreateDate: policy.createdAt,
    UpdateDate: policy.updatedAt,
    Tags: view === 'list' ? undefined : tagsXml(policy.tags),
  };
}

export function providerXml(provider: OidcProviderRecord): XmlValue {
  return {
    Url: provider.url,
    ClientIDList: provider.clientIds,
    ThumbprintList: provider.thumbprints,
    CreateDate: provider.createdAt,
    Tags: tagsXml(provider.tags),
  };
}

/** A List* result: the items under `member`, then IsTruncated and (when truncated) Marker. */
export function pageXml<T>(member: string, page: Page<T>, item: (x: T) => XmlValue): XmlValue {
  return { [member]: page.items.map(item), IsTruncated: page.isTruncated, Marker: page.marker };
}
