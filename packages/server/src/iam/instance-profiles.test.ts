import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, postForm, startIamServer } from './test-support.js';
import type { IamTestServer } from './test-support.js';

const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';

let server: IamTestServer;
beforeAll(async () => {
  server = await startIamServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.ctx.store.db.exec('DELETE FROM instance_profiles; DELETE FROM roles; DELETE FROM managed_policies;');
});

const call = (Action: string, params: Record<string, string> = {}) => postForm(server, { Action, ...params });

describe('instance profile actions', () => {
  it('answer the InstanceProfile shape: Roles always, the role in its six members, Tags outside List*', async () => {
    const created = await call('CreateInstanceProfile', { InstanceProfileName: 'web', Path: '/team/', 'Tags.member.1.Key': 'env', 'Tags.member.1.Value': 'dev' });
    expect(created.status).toBe(200);
    expect(created.body).toMatch(
      /^<CreateInstanceProfileResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><CreateInstanceProfileResult><InstanceProfile><Path>\/team\/<\/Path><InstanceProfileName>web<\/InstanceProfileName><InstanceProfileId>AIPA[A-Z2-7]{17}<\/InstanceProfileId>/,
    );
    expect(created.body).toContain(
      '<Arn>arn:aws:iam::000000000000:instance-profile/team/web</Arn><CreateDate>2024-01-02T03:04:05Z</CreateDate><Roles></Roles><Tags><member><Key>env</Key><Value>dev</Value></member></Tags></InstanceProfile></CreateInstanceProfileResult>',
    );

    await call('CreateRole', { RoleName: 'node', AssumeRolePolicyDocument: TRUST, Description: 'd' });
    const added = await call('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: 'node' });
    expect(added.body).toMatch(/^<AddRoleToInstanceProfileResponse xmlns="[^"]+"><ResponseMetadata>/);

    const role = /<Roles><member><Path>\/<\/Path><RoleName>node<\/RoleName><RoleId>AROA[A-Z2-7]{17}<\/RoleId><Arn>arn:aws:iam::000000000000:role\/node<\/Arn><CreateDate>2024-01-02T03:04:05Z<\/CreateDate><AssumeRolePolicyDocument>[^<]+<\/AssumeRolePolicyDocument><\/member><\/Roles>/;
    const got = await call('GetInstanceProfile', { InstanceProfileName: 'web' });
    expect(got.body).toMatch(role);
    expect(got.body).toContain('</Roles><Tags>');

    for (const [action, params] of [['ListInstanceProfiles', {}], ['ListInstanceProfilesForRole', { RoleName: 'node' }]] as const) {
      const listed = await call(action, params);
      expect(listed.body).toMatch(role);
      expect(listed.body).toContain(`<${action}Result><InstanceProfiles><member><Path>/team/</Path>`);
      expect(listed.body).toContain('</Roles></member></InstanceProfiles><IsTruncated>false</IsTruncated></');
    }
  });

  it.each([
    ['GetInstanceProfile', { InstanceProfileName: 'nope' }, 404, 'NoSuchEntity', 'Instance Profile nope cannot be found.'],
    ['DeleteInstanceProfile', { InstanceProfileName: 'nope' }, 404, 'NoSuchEntity', 'Instance Profile nope cannot be found.'],
    ['ListInstanceProfilesForRole', { RoleName: 'ghost' }, 404, 'NoSuchEntity', 'The role with name ghost cannot be found.'],
    ['CreateInstanceProfile', { InstanceProfileName: 'a b' }, 400, 'ValidationError', "1 validation error detected: Value 'a b' at 'instanceProfileName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"],
    ['AddRoleToInstanceProfile', {}, 400, 'ValidationError', "2 validation errors detected: Value null at 'instanceProfileName' failed to satisfy constraint: Member must not be null; Value null at 'roleName' failed to satisfy constraint: Member must not be null"],
    ['PutRolePermissionsBoundary', { RoleName: 'ghost', PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, 404, 'NoSuchEntity', 'The role with name ghost cannot be found.'],
  ])('%s %o → %i %s', async (action, params, status, code, message) => {
    expect(errorOf(await call(action, params))).toEqual({ status, code, message });
  });

  it('refuse a second role and a non-empty delete with 409', async () => {
    await call('CreateInstanceProfile', { InstanceProfileName: 'web' });
    await call('CreateRole', { RoleName: 'node', AssumeRolePolicyDocument: TRUST });
    await call('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: 'node' });
    expect(errorOf(await call('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: 'node' }))).toEqual({
      status: 409,
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
    });
    const conflict = { status: 409, code: 'DeleteConflict', message: 'Cannot delete entity, must remove roles from instance profile first.' };
    expect(errorOf(await call('DeleteInstanceProfile', { InstanceProfileName: 'web' }))).toEqual(conflict);
    expect(errorOf(await call('DeleteRole', { RoleName: 'node' }))).toEqual(conflict);
  });
});

describe('role permissions boundary actions', () => {
  it('set, report and remove the boundary; an unknown AWS managed ARN is NoSuchEntity', async () => {
    await call('CreateRole', { RoleName: 'app', AssumeRolePolicyDocument: TRUST });
    const put = await call('PutRolePermissionsBoundary', { RoleName: 'app', PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(put.body).toMatch(/^<PutRolePermissionsBoundaryResponse xmlns="[^"]+"><ResponseMetadata>/);
    expect((await call('GetRole', { RoleName: 'app' })).body).toContain(
      '<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>arn:aws:iam::aws:policy/ReadOnlyAccess</PermissionsBoundaryArn></PermissionsBoundary>',
    );
    const madeUp = 'arn:aws:iam::aws:policy/TotallyMadeUp';
    expect(errorOf(await call('PutRolePermissionsBoundary', { RoleName: 'app', PermissionsBoundary: madeUp }))).toEqual({
      status: 404,
      code: 'NoSuchEntity',
      message: `Scope ARN: ${madeUp} does not exist or is not attachable.`,
    });
    expect((await call('DeleteRolePermissionsBoundary', { RoleName: 'app' })).status).toBe(200);
    expect((await call('GetRole', { RoleName: 'app' })).body).not.toContain('<PermissionsBoundary>');
  });
});
