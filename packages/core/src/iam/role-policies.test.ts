import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteRolePolicy, getRolePolicy, listRolePolicies, putRolePolicy } from './role-policies.js';
import { createRole } from './roles.js';
import { PERMISSIONS_POLICY, TRUST_POLICY, expectAwsError, iamTestContext } from './test-support.js';
import type { IamTestContext } from './test-support.js';

let ctx: IamTestContext;
beforeEach(() => {
  ctx = iamTestContext();
  createRole(ctx, { roleName: 'App', assumeRolePolicyDocument: TRUST_POLICY });
});
afterEach(() => ctx.close());

describe('putRolePolicy', () => {
  it('stores and replaces a policy, read back under the role name as stored', () => {
    putRolePolicy(ctx, { roleName: 'app', policyName: 'read', policyDocument: PERMISSIONS_POLICY });
    const doc = PERMISSIONS_POLICY.replace('GetObject', 'PutObject');
    putRolePolicy(ctx, { roleName: 'app', policyName: 'read', policyDocument: doc });
    expect(getRolePolicy(ctx, { roleName: 'app', policyName: 'read' })).toEqual({ roleName: 'App', policyName: 'read', document: doc });
  });

  it.each([
    ['not JSON', 'nope', 'Syntax errors in policy.'],
    ['a trust policy', TRUST_POLICY, 'Policy document should not specify a principal.'],
  ])('refuses a document that is %s', (_, doc, message) => {
    expectAwsError(() => putRolePolicy(ctx, { roleName: 'App', policyName: 'p', policyDocument: doc }), 'MalformedPolicyDocument', 400, message);
  });

  it('refuses when the role inline policies would exceed 10240 characters together', () => {
    const big = (n: number) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(n)}` }] });
    putRolePolicy(ctx, { roleName: 'App', policyName: 'one', policyDocument: big(6000) });
    expectAwsError(() => putRolePolicy(ctx, { roleName: 'App', policyName: 'two', policyDocument: big(5000) }), 'LimitExceeded', 409, 'Maximum policy size of 10240 bytes exceeded for role App');
    putRolePolicy(ctx, { roleName: 'App', policyName: 'one', policyDocument: big(9000) });
  });

  it('answers NoSuchEntity for an unknown role', () => {
    expectAwsError(() => putRolePolicy(ctx, { roleName: 'x', policyName: 'p', policyDocument: PERMISSIONS_POLICY }), 'NoSuchEntity', 404, 'The role with name x cannot be found.');
  });
});

describe('getRolePolicy / deleteRolePolicy', () => {
  it.each([getRolePolicy, deleteRolePolicy])('%o answers NoSuchEntity for an unknown policy', (fn) => {
    expectAwsError(() => fn(ctx, { roleName: 'App', policyName: 'ghost' }), 'NoSuchEntity', 404, 'The role policy with name ghost cannot be found.');
  });

  it('deletes a policy', () => {
    putRolePolicy(ctx, { roleName: 'App', policyName: 'p', policyDocument: PERMISSIONS_POLICY });
    deleteRolePolicy(ctx, { roleName: 'App', policyName: 'P' });
    expect(listRolePolicies(ctx, { roleName: 'App' }).items).toEqual([]);
  });
});

describe('listRolePolicies', () => {
  it('lists names alphabetically in pages', () => {
    for (const name of ['b', 'a', 'c']) putRolePolicy(ctx, { roleName: 'App', policyName: name, policyDocument: PERMISSIONS_POLICY });
    const first = listRolePolicies(ctx, { roleName: 'App', maxItems: 2 });
    expect(first).toMatchObject({ items: ['a', 'b'], isTruncated: true });
    expect(listRolePolicies(ctx, { roleName: 'App', marker: first.marker })).toEqual({ items: ['c'], isTruncated: false });
  });
});
