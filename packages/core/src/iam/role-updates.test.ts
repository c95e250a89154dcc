import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listRoleTags, tagRole, untagRole, updateAssumeRolePolicy, updateRole, updateRoleDescription } from './role-updates.js';
import { createRole, getRole } from './roles.js';
import { PERMISSIONS_POLICY, TRUST_POLICY, expectAwsError, iamTestContext } from './test-support.js';
import type { IamTestContext } from './test-support.js';

let ctx: IamTestContext;
beforeEach(() => {
  ctx = iamTestContext();
  createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY, description: 'old', tags: [{ Key: 'env', Value: 'dev' }] });
});
afterEach(() => ctx.close());

describe('updateRole', () => {
  it('changes only the fields given and keeps id and creation date', () => {
    const before = getRole(ctx, 'app');
    updateRole(ctx, { roleName: 'APP', maxSessionDuration: 7200 });
    expect(getRole(ctx, 'app')).toEqual({ ...before, maxSessionDuration: 7200 });
    updateRole(ctx, { roleName: 'app', description: '' });
    expect(getRole(ctx, 'app').description).toBeNull();
  });

  it('answers NoSuchEntity for an unknown role', () => {
    expectAwsError(() => updateRole(ctx, { roleName: 'x' }), 'NoSuchEntity', 404, 'The role with name x cannot be found.');
  });
});

describe('updateRoleDescription', () => {
  it('returns the role with its new description', () => {
    expect(updateRoleDescription(ctx, { roleName: 'app', description: 'new' }).description).toBe('new');
  });
});

describe('updateAssumeRolePolicy', () => {
  it('replaces the trust policy after checking it as a trust policy', () => {
    const doc = TRUST_POLICY.replace('ec2', 'lambda');
    updateAssumeRolePolicy(ctx, { roleName: 'app', policyDocument: doc });
    expect(getRole(ctx, 'app').assumeRolePolicy).toBe(doc);
    expectAwsError(() => updateAssumeRolePolicy(ctx, { roleName: 'app', policyDocument: PERMISSIONS_POLICY }), 'MalformedPolicyDocument', 400, 'Missing required field Principal');
  });
});

describe('tagRole / untagRole / listRoleTags', () => {
  it('overwrites a key in any case, appends new keys, and removes keys', () => {
    tagRole(ctx, { roleName: 'app', tags: [{ Key: 'ENV', Value: 'prod' }, { Key: 'team', Value: 'a' }] });
    expect(listRoleTags(ctx, { roleName: 'app' }).items).toEqual([{ Key: 'ENV', Value: 'prod' }, { Key: 'team', Value: 'a' }]);
    untagRole(ctx, { roleName: 'app', tagKeys: ['env', 'missing'] });
    expect(getRole(ctx, 'app').tags).toEqual([{ Key: 'team', Value: 'a' }]);
  });

  it('refuses more than 50 tags in all', () => {
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expectAwsError(() => tagRole(ctx, { roleName: 'app', tags }), 'LimitExceeded', 409, 'The number of tags has reached the maximum limit of 50.');
  });

  it('pages tags with MaxItems and Marker', () => {
    tagRole(ctx, { roleName: 'app', tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] });
    const first = listRoleTags(ctx, { roleName: 'app', maxItems: 2 });
    expect(first.items.map((t) => t.Key)).toEqual(['env', 'a']);
    expect(listRoleTags(ctx, { roleName: 'app', marker: first.marker }).items.map((t) => t.Key)).toEqual(['b']);
  });
});
