import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachRolePolicy } from './attachments.js';
import { createPolicy } from './managed-policies.js';
import { listEntitiesForPolicy } from './policy-entities.js';
import { createRole } from './roles.js';
import { PERMISSIONS_POLICY, TRUST_POLICY, expectAwsError, iamTestContext } from './test-support.js';
import type { IamTestContext } from './test-support.js';

let ctx: IamTestContext;
let arn: string;
beforeEach(() => {
  ctx = iamTestContext();
  arn = createPolicy(ctx, { policyName: 'read', policyDocument: PERMISSIONS_POLICY }).arn;
  createRole(ctx, { roleName: 'b-attached', assumeRolePolicyDocument: TRUST_POLICY, path: '/team/' });
  createRole(ctx, { roleName: 'a-bounded', assumeRolePolicyDocument: TRUST_POLICY, permissionsBoundary: arn });
  createRole(ctx, { roleName: 'c-other', assumeRolePolicyDocument: TRUST_POLICY });
  attachRolePolicy(ctx, { roleName: 'b-attached', policyArn: arn });
});
afterEach(() => ctx.close());

const names = (input: Parameters<typeof listEntitiesForPolicy>[1]) => listEntitiesForPolicy(ctx, input).items.map((r) => r.name);

describe('listEntitiesForPolicy', () => {
  it('lists the roles a policy is attached to or bounds, by name, filtered by usage and path', () => {
    expect(names({ policyArn: arn })).toEqual(['a-bounded', 'b-attached']);
    expect(names({ policyArn: arn, policyUsageFilter: 'PermissionsPolicy' })).toEqual(['b-attached']);
    expect(names({ policyArn: arn, policyUsageFilter: 'PermissionsBoundary' })).toEqual(['a-bounded']);
    expect(names({ policyArn: arn, pathPrefix: '/team/' })).toEqual(['b-attached']);
    expect(names({ policyArn: arn, entityFilter: 'Role' })).toEqual(['a-bounded', 'b-attached']);
  });

  it('finds no users or groups: eksid has none', () => {
    expect(names({ policyArn: arn, entityFilter: 'User' })).toEqual([]);
    expect(names({ policyArn: arn, entityFilter: 'Group' })).toEqual([]);
  });

  it('pages with MaxItems and Marker', () => {
    const first = listEntitiesForPolicy(ctx, { policyArn: arn, maxItems: 1 });
    expect(first).toMatchObject({ isTruncated: true });
    expect(names({ policyArn: arn, marker: first.marker })).toEqual(['b-attached']);
  });

  it('lists the roles of an AWS managed policy, and answers NoSuchEntity for an unknown one', () => {
    const aws = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
    attachRolePolicy(ctx, { roleName: 'c-other', policyArn: aws });
    expect(names({ policyArn: aws })).toEqual(['c-other']);
    const gone = 'arn:aws:iam::000000000000:policy/gone';
    expectAwsError(() => listEntitiesForPolicy(ctx, { policyArn: gone }), 'NoSuchEntity', 404, `Policy ${gone} was not found.`);
  });
});
