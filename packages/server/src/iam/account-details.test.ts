import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { elementOf, errorOf, postForm, startIamServer } from './test-support.js';
import type { IamTestServer } from './test-support.js';

// ListEntitiesForPolicy and GetAccountAuthorizationDetails over raw awsQuery.
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
// RFC 3986 encodes '*' too.
const encoded = (text: string) => encodeURIComponent(text).replace(/\*/g, '%2A');
const ARN = 'arn:aws:iam::000000000000:policy/read';

let server: IamTestServer;
let roleId: string;
beforeAll(async () => {
  server = await startIamServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.ctx.store.db.exec('DELETE FROM roles; DELETE FROM role_inline_policies; DELETE FROM role_policy_attachments; DELETE FROM managed_policies; DELETE FROM managed_policy_versions;');
  await call({ Action: 'CreatePolicy', PolicyName: 'read', PolicyDocument: DOC });
  roleId = elementOf((await call({ Action: 'CreateRole', RoleName: 'app', AssumeRolePolicyDocument: TRUST, 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'a' })).body, 'RoleId') as string;
  await call({ Action: 'AttachRolePolicy', RoleName: 'app', PolicyArn: ARN });
  await call({ Action: 'PutRolePolicy', RoleName: 'app', PolicyName: 'inline', PolicyDocument: DOC });
});

const call = (params: Record<string, string>) => postForm(server, params);

describe('ListEntitiesForPolicy', () => {
  it('lists the roles the policy is attached to, with no users or groups', async () => {
    expect((await call({ Action: 'ListEntitiesForPolicy', PolicyArn: ARN })).body).toContain(
      `<ListEntitiesForPolicyResult><PolicyGroups></PolicyGroups><PolicyUsers></PolicyUsers><PolicyRoles><member><RoleName>app</RoleName><RoleId>${roleId}</RoleId></member></PolicyRoles><IsTruncated>false</IsTruncated></ListEntitiesForPolicyResult>`,
    );
    expect((await call({ Action: 'ListEntitiesForPolicy', PolicyArn: ARN, PolicyUsageFilter: 'PermissionsBoundary' })).body).toContain('<PolicyRoles></PolicyRoles>');
  });

  it.each([
    [{ Action: 'ListEntitiesForPolicy', PolicyArn: 'arn:aws:iam::000000000000:policy/gone' }, 404, 'NoSuchEntity', 'Policy arn:aws:iam::000000000000:policy/gone was not found.'],
    [
      { Action: 'ListEntitiesForPolicy', PolicyArn: ARN, EntityFilter: 'Robot' },
      400,
      'ValidationError',
      "1 validation error detected: Value 'Robot' at 'entityFilter' failed to satisfy constraint: Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]",
    ],
  ])('answers %o with an error', async (params, status, code, message) => {
    expect(errorOf(await call(params))).toEqual({ status, code, message });
  });
});

describe('GetAccountAuthorizationDetails', () => {
  it('describes roles and policies in IAM shapes, documents URL-encoded', async () => {
    const body = (await call({ Action: 'GetAccountAuthorizationDetails' })).body;
    expect(body).toContain('<GetAccountAuthorizationDetailsResult><UserDetailList></UserDetailList><GroupDetailList></GroupDetailList><RoleDetailList><member><Path>/</Path><RoleName>app</RoleName>');
    expect(body).toContain(
      `<AssumeRolePolicyDocument>${encoded(TRUST)}</AssumeRolePolicyDocument><InstanceProfileList></InstanceProfileList><RolePolicyList><member><PolicyName>inline</PolicyName><PolicyDocument>${encoded(DOC)}</PolicyDocument></member></RolePolicyList><AttachedManagedPolicies><member><PolicyName>read</PolicyName><PolicyArn>${ARN}</PolicyArn></member></AttachedManagedPolicies><Tags><member><Key>team</Key><Value>a</Value></member></Tags><RoleLastUsed></RoleLastUsed></member></RoleDetailList>`,
    );
    expect(body).toContain(
      `<Policies><member><PolicyName>read</PolicyName><PolicyId>${elementOf(body, 'PolicyId') as string}</PolicyId><Arn>${ARN}</Arn><Path>/</Path><DefaultVersionId>v1</DefaultVersionId><AttachmentCount>1</AttachmentCount><PermissionsBoundaryUsageCount>0</PermissionsBoundaryUsageCount><IsAttachable>true</IsAttachable><CreateDate>2024-01-02T03:04:05Z</CreateDate><UpdateDate>2024-01-02T03:04:05Z</UpdateDate><PolicyVersionList><member><Document>${encoded(DOC)}</Document><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>2024-01-02T03:04:05Z</CreateDate></member></PolicyVersionList></member></Policies><IsTruncated>false</IsTruncated>`,
    );
  });

  it("lists each role's instance profiles in its InstanceProfileList", async () => {
    await call({ Action: 'CreateInstanceProfile', InstanceProfileName: 'web' });
    await call({ Action: 'AddRoleToInstanceProfile', InstanceProfileName: 'web', RoleName: 'app' });
    const body = (await call({ Action: 'GetAccountAuthorizationDetails', 'Filter.member.1': 'Role' })).body;
    expect(body).toMatch(/<InstanceProfileList><member><Path>\/<\/Path><InstanceProfileName>web<\/InstanceProfileName><InstanceProfileId>AIPA[A-Z2-7]+<\/InstanceProfileId><Arn>arn:aws:iam::000000000000:instance-profile\/web<\/Arn>.*<Roles><member><Path>\/<\/Path><RoleName>app<\/RoleName>/);
    await call({ Action: 'RemoveRoleFromInstanceProfile', InstanceProfileName: 'web', RoleName: 'app' });
    await call({ Action: 'DeleteInstanceProfile', InstanceProfileName: 'web' });
  });

  it('keeps the entity types of Filter and pages with MaxItems', async () => {
    const roles = (await call({ Action: 'GetAccountAuthorizationDetails', 'Filter.member.1': 'Role', MaxItems: '1' })).body;
    expect(roles).toContain('<Policies></Policies><IsTruncated>false</IsTruncated>');
    const first = await call({ Action: 'GetAccountAuthorizationDetails', MaxItems: '1' });
    expect(elementOf(first.body, 'IsTruncated')).toBe('true');
    const rest = await call({ Action: 'GetAccountAuthorizationDetails', Marker: elementOf(first.body, 'Marker') as string });
    expect(rest.body).toContain('<RoleDetailList></RoleDetailList><Policies><member><PolicyName>read</PolicyName>');
  });
});
