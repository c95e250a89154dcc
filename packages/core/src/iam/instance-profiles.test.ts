import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IamTestContext } from './test-support.js';
import { TRUST_POLICY, expectAwsError, iamTestContext } from './test-support.js';
import {
  addRoleToInstanceProfile,
  createInstanceProfile,
  deleteInstanceProfile,
  getInstanceProfile,
  listInstanceProfiles,
  listInstanceProfilesForRole,
  removeRoleFromInstanceProfile,
} from './instance-profiles.js';
import { createRole, deleteRole, getRole } from './roles.js';

let ctx: IamTestContext;
beforeEach(() => {
  ctx = iamTestContext();
  createRole(ctx, { roleName: 'node', assumeRolePolicyDocument: TRUST_POLICY });
  createRole(ctx, { roleName: 'other', assumeRolePolicyDocument: TRUST_POLICY });
});
afterEach(() => ctx.close());

const names = (page: { items: { name: string }[] }) => page.items.map((p) => p.name);

describe('createInstanceProfile', () => {
  it('creates an empty profile with an AIPA id, its path in the ARN, and its tags', () => {
    const p = createInstanceProfile(ctx, { instanceProfileName: 'web', path: '/team/', tags: [{ Key: 'env', Value: 'dev' }] });
    expect(p).toMatchObject({ name: 'web', path: '/team/', arn: 'arn:aws:iam::000000000000:instance-profile/team/web', roles: [], tags: [{ Key: 'env', Value: 'dev' }] });
    expect(p.instanceProfileId).toMatch(/^AIPA[A-Z2-7]{17}$/);
    expect(p.createdAt.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(getInstanceProfile(ctx, 'WEB')).toEqual(p);
  });

  it('refuses a name taken in any case with EntityAlreadyExists', () => {
    createInstanceProfile(ctx, { instanceProfileName: 'web' });
    expectAwsError(() => createInstanceProfile(ctx, { instanceProfileName: 'Web' }), 'EntityAlreadyExists', 409, 'Instance Profile Web already exists.');
  });

  it('refuses duplicate tag keys with InvalidInput', () => {
    const tags = [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }];
    expectAwsError(() => createInstanceProfile(ctx, { instanceProfileName: 'web', tags }), 'InvalidInput', 400, 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  });
});

describe('getInstanceProfile and deleteInstanceProfile', () => {
  it.each([
    ['get', () => getInstanceProfile(ctx, 'nope')],
    ['delete', () => deleteInstanceProfile(ctx, 'nope')],
  ])('%s: an unknown profile is NoSuchEntity', (_, call) => {
    expectAwsError(call, 'NoSuchEntity', 404, 'Instance Profile nope cannot be found.');
  });

  it('deletes only an empty profile: DeleteConflict while it holds a role', () => {
    createInstanceProfile(ctx, { instanceProfileName: 'web' });
    addRoleToInstanceProfile(ctx, { instanceProfileName: 'web', roleName: 'node' });
    expectAwsError(() => deleteInstanceProfile(ctx, 'web'), 'DeleteConflict', 409, 'Cannot delete entity, must remove roles from instance profile first.');
    removeRoleFromInstanceProfile(ctx, { instanceProfileName: 'web', roleName: 'node' });
    deleteInstanceProfile(ctx, 'web');
    expectAwsError(() => getInstanceProfile(ctx, 'web'), 'NoSuchEntity', 404, 'Instance Profile web cannot be found.');
  });
});

describe('addRoleToInstanceProfile', () => {
  it('puts the role in the profile', () => {
    createInstanceProfile(ctx, { instanceProfileName: 'web' });
    addRoleToInstanceProfile(ctx, { instanceProfileName: 'web', roleName: 'NODE' });
    expect(getInstanceProfile(ctx, 'web').roles).toEqual([getRole(ctx, 'node')]);
  });

  it.each(['other', 'node'])('refuses a second role (%s) with LimitExceeded: the quota is one', (second) => {
    createInstanceProfile(ctx, { instanceProfileName: 'web' });
    addRoleToInstanceProfile(ctx, { instanceProfileName: 'web', roleName: 'node' });
    expectAwsError(() => addRoleToInstanceProfile(ctx, { instanceProfileName: 'web', roleName: second }), 'LimitExceeded', 409, 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
  });

  it('refuses an unknown profile or role with NoSuchEntity', () => {
    createInstanceProfile(ctx, { instanceProfileName: 'web' });
    expectAwsError(() => addRoleToInstanceProfile(ctx, { instanceProfileName: 'nope', roleName: 'node' }), 'NoSuchEntity', 404, 'Instance Profile nope cannot be found.');
    expectAwsError(() => addRoleToInstanceProfile(ctx, { instanceProfileName: 'web', roleName: 'ghost' }), 'NoSuchEntity', 404, 'The role with name ghost cannot be found.');
  });
});

describe('removeRoleFromInstanceProfile', () => {
  it('refuses a role the profile does not hold, and an unknown profile or role, with NoSuchEntity', () => {
    createInstanceProfile(ctx, { instanceProfileName: 'web' });
    addRoleToInstanceProfile(ctx, { instanceProfileName: 'web', roleName: 'node' });
    expectAwsError(() => removeRoleFromInstanceProfile(ctx, { instanceProfileName: 'web', roleName: 'other' }), 'NoSuchEntity', 404, 'The role with name other cannot be found.');
    expectAwsError(() => removeRoleFromInstanceProfile(ctx, { instanceProfileName: 'nope', roleName: 'node' }), 'NoSuchEntity', 404, 'Instance Profile nope cannot be found.');
    expectAwsError(() => removeRoleFromInstanceProfile(ctx, { instanceProfileName: 'web', roleName: 'ghost' }), 'NoSuchEntity', 404, 'The role with name ghost cannot be found.');
    expect(getInstanceProfile(ctx, 'web').roles.map((r) => r.name)).toEqual(['node']);
  });
});

describe('listInstanceProfiles', () => {
  it('lists by name under a path prefix, a page at a time', () => {
    for (const [name, path] of [['c', '/'], ['A', '/team/'], ['b', '/team/x/']] as const) createInstanceProfile(ctx, { instanceProfileName: name, path });
    expect(names(listInstanceProfiles(ctx))).toEqual(['A', 'b', 'c']);
    expect(names(listInstanceProfiles(ctx, { pathPrefix: '/team/' }))).toEqual(['A', 'b']);
    const first = listInstanceProfiles(ctx, { maxItems: 2 });
    expect([names(first), first.isTruncated]).toEqual([['A', 'b'], true]);
    const rest = listInstanceProfiles(ctx, { maxItems: 2, marker: first.marker });
    expect([names(rest), rest.isTruncated, rest.marker]).toEqual([['c'], false, undefined]);
  });
});

describe('listInstanceProfilesForRole', () => {
  it("lists the profiles holding the role, and none for a role in no profile", () => {
    for (const name of ['p2', 'p1', 'p3']) createInstanceProfile(ctx, { instanceProfileName: name });
    addRoleToInstanceProfile(ctx, { instanceProfileName: 'p2', roleName: 'node' });
    addRoleToInstanceProfile(ctx, { instanceProfileName: 'p1', roleName: 'node' });
    addRoleToInstanceProfile(ctx, { instanceProfileName: 'p3', roleName: 'other' });
    expect(names(listInstanceProfilesForRole(ctx, { roleName: 'Node' }))).toEqual(['p1', 'p2']);
    const first = listInstanceProfilesForRole(ctx, { roleName: 'node', maxItems: 1 });
    expect(names(listInstanceProfilesForRole(ctx, { roleName: 'node', marker: first.marker }))).toEqual(['p2']);
    createRole(ctx, { roleName: 'lonely', assumeRolePolicyDocument: TRUST_POLICY });
    expect(listInstanceProfilesForRole(ctx, { roleName: 'lonely' })).toEqual({ items: [], isTruncated: false });
  });

  it('answers NoSuchEntity for an unknown role (the one error Terraform tolerates before DeleteRole)', () => {
    expectAwsError(() => listInstanceProfilesForRole(ctx, { roleName: 'ghost' }), 'NoSuchEntity', 404, 'The role with name ghost cannot be found.');
  });
});

describe('deleteRole of a role in an instance profile', () => {
  it('is a DeleteConflict until the role is removed from the profile', () => {
    createInstanceProfile(ctx, { instanceProfileName: 'web' });
    addRoleToInstanceProfile(ctx, { instanceProfileName: 'web', roleName: 'node' });
    expectAwsError(() => deleteRole(ctx, 'node'), 'DeleteConflict', 409, 'Cannot delete entity, must remove roles from instance profile first.');
    removeRoleFromInstanceProfile(ctx, { instanceProfileName: 'web', roleName: 'node' });
    deleteRole(ctx, 'node');
    expect(getInstanceProfile(ctx, 'web').roles).toEqual([]);
  });
});
