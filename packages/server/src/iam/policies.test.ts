import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { elementOf, errorOf, postForm, startIamServer } from './test-support.js';
import type { IamTestServer } from './test-support.js';

// Inline policies, managed policies and attachments over raw awsQuery.
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const DOC = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}';
// RFC 3986 encodes '*' too, unlike encodeURIComponent.
const ENCODED_DOC = encodeURIComponent(DOC).replace('*', '%2A');
const ARN = 'arn:aws:iam::000000000000:policy/team/read';

let server: IamTestServer;
beforeAll(async () => {
  server = await startIamServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.ctx.store.db.exec('DELETE FROM roles; DELETE FROM role_inline_policies; DELETE FROM role_policy_attachments; DELETE FROM managed_policies; DELETE FROM managed_policy_versions;');
  await postForm(server, { Action: 'CreateRole', RoleName: 'app', AssumeRolePolicyDocument: TRUST });
});

const call = (params: Record<string, string>) => postForm(server, params);

describe('PutRolePolicy / GetRolePolicy / ListRolePolicies / DeleteRolePolicy', () => {
  it('round-trips a document, URL-encoded on the way out', async () => {
    expect((await call({ Action: 'PutRolePolicy', RoleName: 'app', PolicyName: 'read', PolicyDocument: DOC })).status).toBe(200);
    expect((await call({ Action: 'GetRolePolicy', RoleName: 'APP', PolicyName: 'read' })).body).toContain(
      `<GetRolePolicyResult><RoleName>app</RoleName><PolicyName>read</PolicyName><PolicyDocument>${ENCODED_DOC}</PolicyDocument></GetRolePolicyResult>`,
    );
    expect((await call({ Action: 'ListRolePolicies', RoleName: 'app' })).body).toContain('<PolicyNames><member>read</member></PolicyNames><IsTruncated>false</IsTruncated>');
    await call({ Action: 'DeleteRolePolicy', RoleName: 'app', PolicyName: 'read' });
    expect((await call({ Action: 'ListRolePolicies', RoleName: 'app' })).body).toContain('<PolicyNames></PolicyNames>');
  });

  it.each([
    [{ Action: 'PutRolePolicy', RoleName: 'app', PolicyName: 'p', PolicyDocument: '{not json' }, 400, 'MalformedPolicyDocument', 'Syntax errors in policy.'],
    [{ Action: 'PutRolePolicy', RoleName: 'app', PolicyName: 'p', PolicyDocument: TRUST }, 400, 'MalformedPolicyDocument', 'Policy document should not specify a principal.'],
    [{ Action: 'PutRolePolicy', RoleName: 'app', PolicyName: 'p' }, 400, 'ValidationError', "1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null"],
    [{ Action: 'PutRolePolicy', RoleName: 'ghost', PolicyName: 'p', PolicyDocument: DOC }, 404, 'NoSuchEntity', 'The role with name ghost cannot be found.'],
    [{ Action: 'GetRolePolicy', RoleName: 'app', PolicyName: 'ghost' }, 404, 'NoSuchEntity', 'The role policy with name ghost cannot be found.'],
    [{ Action: 'DeleteRolePolicy', RoleName: 'app', PolicyName: 'ghost' }, 404, 'NoSuchEntity', 'The role policy with name ghost cannot be found.'],
  ])('answers %o with an error', async (params, status, code, message) => {
    expect(errorOf(await call(params))).toEqual({ status, code, message });
  });
});

describe('CreatePolicy / GetPolicy / GetPolicyVersion / ListPolicies / DeletePolicy', () => {
  it('creates, reads, lists and deletes a managed policy', async () => {
    const created = await call({ Action: 'CreatePolicy', PolicyName: 'read', Path: '/team/', PolicyDocument: DOC, Description: 'reads' });
    expect(created.body).toMatch(
      /<CreatePolicyResult><Policy><PolicyName>read<\/PolicyName><PolicyId>ANPA[A-Z2-7]{17}<\/PolicyId><Arn>arn:aws:iam::000000000000:policy\/team\/read<\/Arn><Path>\/team\/<\/Path><DefaultVersionId>v1<\/DefaultVersionId><AttachmentCount>0<\/AttachmentCount><PermissionsBoundaryUsageCount>0<\/PermissionsBoundaryUsageCount><IsAttachable>true<\/IsAttachable><Description>reads<\/Description><CreateDate>2024-01-02T03:04:05Z<\/CreateDate><UpdateDate>2024-01-02T03:04:05Z<\/UpdateDate><\/Policy><\/CreatePolicyResult>/,
    );
    await call({ Action: 'AttachRolePolicy', RoleName: 'app', PolicyArn: ARN });
    expect(elementOf((await call({ Action: 'GetPolicy', PolicyArn: ARN })).body, 'AttachmentCount')).toBe('1');
    expect((await call({ Action: 'GetPolicyVersion', PolicyArn: ARN, VersionId: 'v1' })).body).toContain(
      `<PolicyVersion><Document>${ENCODED_DOC}</Document><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>2024-01-02T03:04:05Z</CreateDate></PolicyVersion>`,
    );
    const listed = await call({ Action: 'ListPolicies', Scope: 'Local', OnlyAttached: 'true' });
    expect(listed.body).toContain('<Policies><member><PolicyName>read</PolicyName>');
    expect(listed.body).not.toContain('<Description>');
    expect(errorOf(await call({ Action: 'DeletePolicy', PolicyArn: ARN }))).toEqual({ status: 409, code: 'DeleteConflict', message: 'Cannot delete a policy attached to entities.' });
    await call({ Action: 'DetachRolePolicy', RoleName: 'app', PolicyArn: ARN });
    expect((await call({ Action: 'DeletePolicy', PolicyArn: ARN })).status).toBe(200);
  });

  it.each([
    [{ Action: 'CreatePolicy', PolicyName: 'p', PolicyDocument: '[]' }, 400, 'MalformedPolicyDocument', 'Syntax errors in policy.'],
    [{ Action: 'CreatePolicy', PolicyName: 'p', PolicyDocument: DOC, Path: '/a b/' }, 400, 'ValidationError', "1 validation error detected: Value '/a b/' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/"],
    [{ Action: 'GetPolicy', PolicyArn: 'arn:aws:iam::000000000000:policy/ghost' }, 404, 'NoSuchEntity', 'Policy arn:aws:iam::000000000000:policy/ghost was not found.'],
    [{ Action: 'GetPolicy', PolicyArn: 'short' }, 400, 'ValidationError', "1 validation error detected: Value 'short' at 'policyArn' failed to satisfy constraint: Member must have length greater than or equal to 20"],
    [{ Action: 'GetPolicy', PolicyArn: 'arn:aws:s3:::some-bucket-name' }, 400, 'InvalidInput', 'ARN arn:aws:s3:::some-bucket-name is not valid.'],
    [{ Action: 'DeletePolicy', PolicyArn: 'arn:aws:iam::000000000000:policy/ghost' }, 404, 'NoSuchEntity', 'Policy arn:aws:iam::000000000000:policy/ghost was not found.'],
    [{ Action: 'ListPolicies', Scope: 'Mine' }, 400, 'ValidationError', "1 validation error detected: Value 'Mine' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]"],
    [{ Action: 'ListPolicies', OnlyAttached: 'yes' }, 400, 'ValidationError', "Value 'yes' at 'onlyAttached' failed to satisfy constraint: Member must be a boolean"],
  ])('answers %o with an error', async (params, status, code, message) => {
    expect(errorOf(await call(params))).toEqual({ status, code, message });
  });

  it('refuses a second policy of the same name with 409', async () => {
    await call({ Action: 'CreatePolicy', PolicyName: 'read', PolicyDocument: DOC });
    expect(errorOf(await call({ Action: 'CreatePolicy', PolicyName: 'Read', Path: '/x/', PolicyDocument: DOC }))).toEqual({
      status: 409,
      code: 'EntityAlreadyExists',
      message: 'A policy called Read already exists. Duplicate names are not allowed.',
    });
  });
});

describe('AttachRolePolicy / DetachRolePolicy / ListAttachedRolePolicies', () => {
  it('lists an attached AWS managed policy under its last path segment', async () => {
    await call({ Action: 'AttachRolePolicy', RoleName: 'app', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy' });
    expect((await call({ Action: 'ListAttachedRolePolicies', RoleName: 'app' })).body).toContain(
      '<ListAttachedRolePoliciesResult><AttachedPolicies><member><PolicyName>AmazonEBSCSIDriverPolicy</PolicyName><PolicyArn>arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy</PolicyArn></member></AttachedPolicies><IsTruncated>false</IsTruncated></ListAttachedRolePoliciesResult>',
    );
  });

  it('pages attached policies with Marker', async () => {
    for (const name of ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess']) await call({ Action: 'AttachRolePolicy', RoleName: 'app', PolicyArn: `arn:aws:iam::aws:policy/${name}` });
    const first = await call({ Action: 'ListAttachedRolePolicies', RoleName: 'app', MaxItems: '2' });
    expect(elementOf(first.body, 'IsTruncated')).toBe('true');
    const rest = await call({ Action: 'ListAttachedRolePolicies', RoleName: 'app', Marker: elementOf(first.body, 'Marker') as string });
    expect(rest.body).toContain('<AttachedPolicies><member><PolicyName>ReadOnlyAccess</PolicyName>');
  });

  it.each([
    [{ Action: 'AttachRolePolicy', RoleName: 'app', PolicyArn: ARN }, 404, 'NoSuchEntity', `Policy ${ARN} does not exist or is not attachable.`],
    [{ Action: 'AttachRolePolicy', RoleName: 'ghost', PolicyArn: ARN }, 404, 'NoSuchEntity', 'The role with name ghost cannot be found.'],
    [{ Action: 'DetachRolePolicy', RoleName: 'app', PolicyArn: ARN }, 404, 'NoSuchEntity', `Policy ${ARN} was not found.`],
    [{ Action: 'ListAttachedRolePolicies', RoleName: 'app', Marker: 'bogus' }, 400, 'ValidationError', 'Invalid Marker: bogus'],
  ])('answers %o with an error', async (params, status, code, message) => {
    expect(errorOf(await call(params))).toEqual({ status, code, message });
  });
});
