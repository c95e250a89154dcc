import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRole, deleteRole, getRole, listRoles } from './roles.js';
import { PERMISSIONS_POLICY, T0, TRUST_POLICY, expectAwsError, iamTestContext } from './test-support.js';
import type { IamTestContext } from './test-support.js';

let ctx: IamTestContext;
beforeEach(() => {
  ctx = iamTestContext();
});
afterEach(() => ctx.close());

describe('createRole', () => {
  it('stores the role with an AROA id, path ARN, defaults and the trust policy as given', () => {
    const role = createRole(ctx, { roleName: 'app', path: '/team/', assumeRolePolicyDocument: TRUST_POLICY });
    expect(role).toMatchObject({
      name: 'app',
      path: '/team/',
      arn: 'arn:aws:iam::000000000000:role/team/app',
      assumeRolePolicy: TRUST_POLICY,
      maxSessionDuration: 3600,
      description: null,
      createdAt: new Date(T0),
    });
    expect(role.roleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(getRole(ctx, 'APP')).toEqual(role);
  });

  it('refuses a second role whose name differs only in case', () => {
    createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY });
    expectAwsError(() => createRole(ctx, { roleName: 'APP', assumeRolePolicyDocument: TRUST_POLICY }), 'EntityAlreadyExists', 409, 'Role with name APP already exists.');
  });

  it.each([
    ['not JSON', '{', 'Syntax errors in policy.'],
    ['a permissions policy', PERMISSIONS_POLICY, 'Missing required field Principal'],
  ])('refuses a trust policy that is %s', (_, doc, message) => {
    expectAwsError(() => createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: doc }), 'MalformedPolicyDocument', 400, message);
  });

  it('refuses a trust policy over 2048 characters without white space', () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalTag/x': 'y'.repeat(2000) } } }] });
    expectAwsError(() => createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: doc }), 'LimitExceeded', 409, 'Cannot exceed quota for ACLSizePerRole: 2048');
  });

  it('refuses duplicate tag keys, compared without case', () => {
    const tags = [{ Key: 'env', Value: 'a' }, { Key: 'ENV', Value: 'b' }];
    expectAwsError(() => createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY, tags }), 'InvalidInput', 400, 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  });

  it('accepts an AWS managed permissions boundary and refuses unknown ones, customer or AWS', () => {
    const role = createRole(ctx, { roleName: 'a', assumeRolePolicyDocument: TRUST_POLICY, permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' });
    expect(role.permissionsBoundary).toBe('arn:aws:iam::aws:policy/PowerUserAccess');
    for (const arn of ['arn:aws:iam::000000000000:policy/nope', 'arn:aws:iam::aws:policy/TotallyMadeUp']) {
      expectAwsError(() => createRole(ctx, { roleName: 'b', assumeRolePolicyDocument: TRUST_POLICY, permissionsBoundary: arn }), 'NoSuchEntity', 404, `Scope ARN: ${arn} does not exist or is not attachable.`);
    }
  });
});

describe('getRole', () => {
  it('answers NoSuchEntity in IAM words', () => {
    expectAwsError(() => getRole(ctx, 'ghost'), 'NoSuchEntity', 404, 'The role with name ghost cannot be found.');
  });
});

describe('listRoles', () => {
  it('filters by path prefix and pages with a marker', () => {
    for (const name of ['c', 'a', 'B', 'd']) createRole(ctx, { roleName: name, path: name === 'd' ? '/other/' : '/', assumeRolePolicyDocument: TRUST_POLICY });
    expect(listRoles(ctx, { pathPrefix: '/other/' }).items.map((r) => r.name)).toEqual(['d']);
    const first = listRoles(ctx, { maxItems: 2 });
    expect(first.items.map((r) => r.name)).toEqual(['a', 'B']);
    expect(first.isTruncated).toBe(true);
    const second = listRoles(ctx, { maxItems: 2, marker: first.marker });
    expect(second).toEqual({ items: expect.any(Array), isTruncated: false });
    expect(second.items.map((r) => r.name)).toEqual(['c', 'd']);
  });
});

describe('deleteRole', () => {
  it.each([
    ['an inline policy', (c: IamTestContext) => c.store.policies.putInline('000000000000', 'app', 'p', PERMISSIONS_POLICY), 'Cannot delete entity, must delete policies first.'],
    ['an attached policy', (c: IamTestContext) => c.store.policies.attach('000000000000', 'app', 'arn:aws:iam::aws:policy/ReadOnlyAccess'), 'Cannot delete entity, must detach all policies first.'],
  ])('refuses while the role has %s', (_, setup, message) => {
    createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY });
    setup(ctx);
    expectAwsError(() => deleteRole(ctx, 'app'), 'DeleteConflict', 409, message);
  });

  it('deletes by name in any case, then the role is gone', () => {
    createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY });
    deleteRole(ctx, 'App');
    expectAwsError(() => deleteRole(ctx, 'app'), 'NoSuchEntity', 404, 'The role with name app cannot be found.');
  });
});
