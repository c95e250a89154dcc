import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { elementOf, errorOf, postForm, startIamServer } from './test-support.js';
import type { IamTestServer } from './test-support.js';

const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const ENCODED_TRUST = encodeURIComponent(TRUST);

let server: IamTestServer;
beforeAll(async () => {
  server = await startIamServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.ctx.store.db.exec('DELETE FROM roles; DELETE FROM role_inline_policies; DELETE FROM role_policy_attachments;');
});

const create = (name: string, extra: Record<string, string> = {}) => postForm(server, { Action: 'CreateRole', RoleName: name, AssumeRolePolicyDocument: TRUST, ...extra });

describe('CreateRole', () => {
  it('answers the Role with the trust policy URL-encoded', async () => {
    const reply = await create('app', { Path: '/team/', Description: 'd', 'Tags.member.1.Key': 'env', 'Tags.member.1.Value': 'dev' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatch(/^<CreateRoleResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><CreateRoleResult><Role><Path>\/team\/<\/Path><RoleName>app<\/RoleName><RoleId>AROA[A-Z2-7]{17}<\/RoleId>/);
    expect(reply.body).toContain(
      `<Arn>arn:aws:iam::000000000000:role/team/app</Arn><CreateDate>2024-01-02T03:04:05Z</CreateDate><AssumeRolePolicyDocument>${ENCODED_TRUST}</AssumeRolePolicyDocument>` +
        '<Description>d</Description><Tags><member><Key>env</Key><Value>dev</Value></member></Tags></Role></CreateRoleResult><ResponseMetadata><RequestId>',
    );
  });

  it.each([
    [{ RoleName: 'a/b' }, 400, 'ValidationError', "1 validation error detected: Value 'a/b' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"],
    [{ RoleName: 'x'.repeat(65) }, 400, 'ValidationError', `1 validation error detected: Value '${'x'.repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`],
    [{ Path: 'team' }, 400, 'ValidationError', "1 validation error detected: Value 'team' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"],
    [{ MaxSessionDuration: '60' }, 400, 'ValidationError', "1 validation error detected: Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600"],
    [{ MaxSessionDuration: 'abc' }, 400, 'ValidationError', "Value 'abc' at 'maxSessionDuration' failed to satisfy constraint: Member must be a number"],
    [{ Description: 'd'.repeat(1001) }, 400, 'ValidationError', `1 validation error detected: Value '${'d'.repeat(1001)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000`],
    [{ AssumeRolePolicyDocument: '{"Version":' }, 400, 'MalformedPolicyDocument', 'Syntax errors in policy.'],
    [{ AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}' }, 400, 'MalformedPolicyDocument', 'Missing required field Principal'],
  ])('refuses %o', async (extra, status, code, message) => {
    expect(errorOf(await create('app', extra))).toEqual({ status, code, message });
  });

  it('refuses missing members, all reported at once', async () => {
    expect(errorOf(await postForm(server, { Action: 'CreateRole' }))).toEqual({
      status: 400,
      code: 'ValidationError',
      message:
        "2 validation errors detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null; Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null",
    });
  });

  it('refuses a name taken in another case with 409 EntityAlreadyExists', async () => {
    await create('app');
    expect(errorOf(await create('APP'))).toEqual({ status: 409, code: 'EntityAlreadyExists', message: 'Role with name APP already exists.' });
  });
});

describe('GetRole', () => {
  it('answers MaxSessionDuration and an empty RoleLastUsed', async () => {
    await create('app', { MaxSessionDuration: '7200' });
    const { body } = await postForm(server, { Action: 'GetRole', RoleName: 'app' });
    expect(body).toContain(`<AssumeRolePolicyDocument>${ENCODED_TRUST}</AssumeRolePolicyDocument><MaxSessionDuration>7200</MaxSessionDuration><RoleLastUsed></RoleLastUsed></Role></GetRoleResult>`);
  });

  it('answers 404 NoSuchEntity for an unknown role', async () => {
    expect(errorOf(await postForm(server, { Action: 'GetRole', RoleName: 'ghost' }))).toEqual({ status: 404, code: 'NoSuchEntity', message: 'The role with name ghost cannot be found.' });
  });
});

describe('ListRoles', () => {
  it('pages with MaxItems and Marker', async () => {
    for (const name of ['c', 'a', 'b']) await create(name);
    const first = await postForm(server, { Action: 'ListRoles', MaxItems: '2' });
    expect(first.body).toMatch(/<ListRolesResult><Roles><member><Path>\/<\/Path><RoleName>a<\/RoleName>.*<RoleName>b<\/RoleName>.*<\/Roles><IsTruncated>true<\/IsTruncated><Marker>[^<]+<\/Marker><\/ListRolesResult>/);
    const marker = elementOf(first.body, 'Marker') as string;
    const second = await postForm(server, { Action: 'ListRoles', MaxItems: '2', Marker: marker });
    expect(second.body).toMatch(/<Roles><member><Path>\/<\/Path><RoleName>c<\/RoleName>.*<\/Roles><IsTruncated>false<\/IsTruncated><\/ListRolesResult>/);
  });

  it.each([
    [{ MaxItems: 'abc' }, "Value 'abc' at 'maxItems' failed to satisfy constraint: Member must be a number"],
    [{ MaxItems: '1001' }, "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000"],
    [{ PathPrefix: 'x' }, "1 validation error detected: Value 'x' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*"],
  ])('refuses %o', async (extra, message) => {
    expect(errorOf(await postForm(server, { Action: 'ListRoles', ...extra }))).toEqual({ status: 400, code: 'ValidationError', message });
  });
});

describe('DeleteRole', () => {
  it.each([
    ['PutRolePolicy', { PolicyName: 'p', PolicyDocument: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}' }, 'Cannot delete entity, must delete policies first.'],
    ['AttachRolePolicy', { PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, 'Cannot delete entity, must detach all policies first.'],
  ])('answers 409 DeleteConflict after %s', async (Action, extra, message) => {
    await create('app');
    expect((await postForm(server, { Action, RoleName: 'app', ...extra })).status).toBe(200);
    expect(errorOf(await postForm(server, { Action: 'DeleteRole', RoleName: 'app' }))).toEqual({ status: 409, code: 'DeleteConflict', message });
  });

  it('deletes with an empty result element-free response', async () => {
    await create('app');
    const reply = await postForm(server, { Action: 'DeleteRole', RoleName: 'app' });
    expect(reply.body).toMatch(/^<DeleteRoleResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><ResponseMetadata><RequestId>[^<]+<\/RequestId><\/ResponseMetadata><\/DeleteRoleResponse>/);
  });
});

describe('role updates', () => {
  it('UpdateRole, UpdateAssumeRolePolicy, TagRole, UntagRole, ListRoleTags change what GetRole shows', async () => {
    await create('app');
    const newTrust = TRUST.replace('ec2', 'lambda');
    expect((await postForm(server, { Action: 'UpdateRole', RoleName: 'app', Description: 'new', MaxSessionDuration: '43200' })).body).toContain('<UpdateRoleResult></UpdateRoleResult>');
    await postForm(server, { Action: 'UpdateAssumeRolePolicy', RoleName: 'app', PolicyDocument: newTrust });
    await postForm(server, { Action: 'TagRole', RoleName: 'app', 'Tags.member.1.Key': 'a', 'Tags.member.1.Value': '1', 'Tags.member.2.Key': 'b', 'Tags.member.2.Value': '2' });
    await postForm(server, { Action: 'UntagRole', RoleName: 'app', 'TagKeys.member.1': 'a' });
    // 128 characters of two UTF-16 units each are a valid key (lengths count code points).
    expect((await postForm(server, { Action: 'TagRole', RoleName: 'app', 'Tags.member.1.Key': '\u{10400}'.repeat(128), 'Tags.member.1.Value': 'x' })).status).toBe(200);
    await postForm(server, { Action: 'UntagRole', RoleName: 'app', 'TagKeys.member.1': '\u{10400}'.repeat(128) });
    const { body } = await postForm(server, { Action: 'GetRole', RoleName: 'app' });
    expect(body).toContain(`<AssumeRolePolicyDocument>${encodeURIComponent(newTrust)}</AssumeRolePolicyDocument><Description>new</Description><MaxSessionDuration>43200</MaxSessionDuration><Tags><member><Key>b</Key>`);
    expect((await postForm(server, { Action: 'ListRoleTags', RoleName: 'app' })).body).toContain('<ListRoleTagsResult><Tags><member><Key>b</Key><Value>2</Value></member></Tags><IsTruncated>false</IsTruncated></ListRoleTagsResult>');
    const described = await postForm(server, { Action: 'UpdateRoleDescription', RoleName: 'app', Description: 'again' });
    expect(described.body).toContain('<Description>again</Description>');
  });

  it.each([
    [{ Action: 'UpdateAssumeRolePolicy', RoleName: 'app', PolicyDocument: 'nope' }, 400, 'MalformedPolicyDocument', 'Syntax errors in policy.'],
    [{ Action: 'UpdateRole', RoleName: 'ghost' }, 404, 'NoSuchEntity', 'The role with name ghost cannot be found.'],
    [{ Action: 'TagRole', RoleName: 'app', 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v', 'Tags.member.2.Key': 'K', 'Tags.member.2.Value': 'v' }, 400, 'InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.'],
    [{ Action: 'UntagRole', RoleName: 'app' }, 400, 'ValidationError', "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null"],
    // 129 characters of two UTF-16 units each: lengths count code points, as in STS.
    [
      { Action: 'TagRole', RoleName: 'app', 'Tags.member.1.Key': '\u{10400}'.repeat(129), 'Tags.member.1.Value': 'v' },
      400,
      'ValidationError',
      `1 validation error detected: Value '${'\u{10400}'.repeat(129)}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`,
    ],
  ])('refuses %o', async (params, status, code, message) => {
    await create('app');
    expect(errorOf(await postForm(server, params))).toEqual({ status, code, message });
  });
});
