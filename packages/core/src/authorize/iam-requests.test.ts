import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, StsFixture, statement } from '../sts/test-support.js';
import { iamAdminRequest } from './iam-requests.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

const IAM = `arn:aws:iam::${ACCOUNT}`;

describe('iamAdminRequest', () => {
  // Resource types as the Service Authorization Reference gives them for each action.
  it.each([
    ['CreateRole', { RoleName: 'r', Path: '/team/' }, `${IAM}:role/team/r`, 'role r'],
    ['UpdateAssumeRolePolicy', { RoleName: 'r' }, `${IAM}:role/r`, 'role r'],
    ['AttachRolePolicy', { RoleName: 'r', PolicyArn: `${IAM}:policy/p` }, `${IAM}:role/r`, 'role r'],
    ['CreatePolicy', { PolicyName: 'p', Path: '/x/' }, `${IAM}:policy/x/p`, `policy ${IAM}:policy/x/p`],
    ['GetPolicyVersion', { PolicyArn: `${IAM}:policy/p`, VersionId: 'v1' }, `${IAM}:policy/p`, `policy ${IAM}:policy/p`],
    ['CreateOpenIDConnectProvider', { Url: 'https://issuer.example/id/A' }, `${IAM}:oidc-provider/issuer.example/id/A`, `${IAM}:oidc-provider/issuer.example/id/A`],
    ['DeleteOpenIDConnectProvider', { OpenIDConnectProviderArn: `${IAM}:oidc-provider/x` }, `${IAM}:oidc-provider/x`, `${IAM}:oidc-provider/x`],
    ['ListRoles', {}, `${IAM}:role/*`, `${IAM}:role/*`],
    ['ListPolicies', { PathPrefix: '/x/' }, `${IAM}:policy/*`, 'policy path /x/'],
    ['ListOpenIDConnectProviders', {}, '*', undefined],
    ['CreateInstanceProfile', { InstanceProfileName: 'ip', Path: '/x/' }, `${IAM}:instance-profile/x/ip`, `${IAM}:instance-profile/x/ip`],
    ['AddRoleToInstanceProfile', { InstanceProfileName: 'ip', RoleName: 'r' }, `${IAM}:instance-profile/ip`, `${IAM}:instance-profile/ip`],
    ['ListInstanceProfilesForRole', { RoleName: 'r' }, `${IAM}:role/r`, 'role r'],
    ['ListInstanceProfiles', {}, '*', undefined],
    ['TagPolicy', { PolicyArn: `${IAM}:policy/p` }, `${IAM}:policy/p`, `policy ${IAM}:policy/p`],
    ['ListEntitiesForPolicy', { PolicyArn: `${IAM}:policy/p` }, `${IAM}:policy/p`, `policy ${IAM}:policy/p`],
    ['GetAccountAuthorizationDetails', {}, '*', undefined],
  ])('%s → iam:%s on its resource', (operation, params, resource, label) => {
    expect(iamAdminRequest(fx, operation, params)).toMatchObject({ action: `iam:${operation}`, resource, label });
  });

  it("uses an existing role's own ARN (with its path), whatever path the caller assumes", () => {
    fx.putRole('deep', statement('*', 'sts:AssumeRole'), { path: '/a/b/' });
    expect(iamAdminRequest(fx, 'DeleteRole', { RoleName: 'deep' }).resource).toBe(`${IAM}:role/a/b/deep`);
  });

  it('offers request tags and tag keys as condition keys', () => {
    const request = iamAdminRequest(fx, 'TagRole', { RoleName: 'r', 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'x' });
    expect(request.context).toEqual({ 'aws:RequestTag/team': 'x', 'aws:TagKeys': ['team'] });
    expect(iamAdminRequest(fx, 'UntagRole', { RoleName: 'r', 'TagKeys.member.1': 'team' }).context).toEqual({ 'aws:TagKeys': ['team'] });
  });

  it('offers iam:PermissionsBoundary: the one a Put names, the one a Delete removes', () => {
    const boundary = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    expect(iamAdminRequest(fx, 'PutRolePermissionsBoundary', { RoleName: 'r', PermissionsBoundary: boundary }).context).toEqual({ 'iam:PermissionsBoundary': boundary });
    fx.putRole('bounded', statement('*', 'sts:AssumeRole'), { permissionsBoundary: boundary });
    expect(iamAdminRequest(fx, 'DeleteRolePermissionsBoundary', { RoleName: 'bounded' }).context).toEqual({ 'iam:PermissionsBoundary': boundary });
    expect(iamAdminRequest(fx, 'DeleteRolePermissionsBoundary', { RoleName: 'r' }).context).toEqual({});
  });

  it('throws a TypeError for an operation it does not map (a bug: every IAM action must be)', () => {
    expect(() => iamAdminRequest(fx, 'CreateUser', {})).toThrow(new TypeError('no IAM authorization mapping for CreateUser'));
  });
});
