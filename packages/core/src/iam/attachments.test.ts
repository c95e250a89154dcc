import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachRolePolicy, detachRolePolicy, listAttachedRolePolicies } from './attachments.js';
import { createPolicy } from './managed-policies.js';
import { createRole } from './roles.js';
import { PERMISSIONS_POLICY, TRUST_POLICY, expectAwsError, iamTestContext } from './test-support.js';
import type { IamTestContext } from './test-support.js';

let ctx: IamTestContext;
beforeEach(() => {
  ctx = iamTestContext();
  createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY });
  createPolicy(ctx, { policyName: 'read', path: '/team/', policyDocument: PERMISSIONS_POLICY });
});
afterEach(() => ctx.close());

const LOCAL = 'arn:aws:iam::000000000000:policy/team/read';
const REAL_AWS_POLICIES = [
  'AdministratorAccess',
  'ReadOnlyAccess',
  'PowerUserAccess',
  'AmazonS3ReadOnlyAccess',
  'AmazonS3FullAccess',
  'AmazonEC2ReadOnlyAccess',
  'AmazonDynamoDBReadOnlyAccess',
  'AmazonSQSReadOnlyAccess',
  'AmazonSNSReadOnlyAccess',
  'IAMReadOnlyAccess',
];
const AWS_MANAGED = 'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy';

describe('attachRolePolicy', () => {
  it('attaches customer and any AWS managed policy, once each', () => {
    attachRolePolicy(ctx, { roleName: 'APP', policyArn: LOCAL });
    attachRolePolicy(ctx, { roleName: 'app', policyArn: LOCAL });
    attachRolePolicy(ctx, { roleName: 'app', policyArn: AWS_MANAGED });
    expect(listAttachedRolePolicies(ctx, { roleName: 'app' }).items).toEqual([
      { policyName: 'read', policyArn: LOCAL },
      { policyName: 'AmazonEBSCSIDriverPolicy', policyArn: AWS_MANAGED },
    ]);
  });

  it.each([
    ['arn:aws:iam::aws:policy/TotallyMadeUp', 'NoSuchEntity', 404, 'Policy arn:aws:iam::aws:policy/TotallyMadeUp does not exist or is not attachable.'],
    // The right name under the wrong path is another ARN, which AWS does not have.
    ['arn:aws:iam::aws:policy/service-role/AmazonEKSClusterPolicy', 'NoSuchEntity', 404, 'Policy arn:aws:iam::aws:policy/service-role/AmazonEKSClusterPolicy does not exist or is not attachable.'],
    [
      'arn:aws:iam::aws:policy/aws-service-role/AmazonEKSServiceRolePolicy',
      'PolicyNotAttachable',
      400,
      'Cannot attach a Service Role Policy to a Customer Role.',
    ],
    ['arn:aws:iam::000000000000:policy/ghost', 'NoSuchEntity', 404, 'Policy arn:aws:iam::000000000000:policy/ghost does not exist or is not attachable.'],
    ['arn:aws:iam::111111111111:policy/other', 'NoSuchEntity', 404, 'Policy arn:aws:iam::111111111111:policy/other does not exist or is not attachable.'],
    ['arn:aws:s3:::bucket', 'InvalidInput', 400, 'ARN arn:aws:s3:::bucket is not valid.'],
  ])('refuses %s', (arn, code, status, message) => {
    expectAwsError(() => attachRolePolicy(ctx, { roleName: 'app', policyArn: arn }), code, status, message);
  });

  it('refuses an 11th policy', () => {
    for (const name of REAL_AWS_POLICIES) attachRolePolicy(ctx, { roleName: 'app', policyArn: `arn:aws:iam::aws:policy/${name}` });
    expectAwsError(() => attachRolePolicy(ctx, { roleName: 'app', policyArn: LOCAL }), 'LimitExceeded', 409, 'Cannot exceed quota for PoliciesPerRole: 10');
  });

  it('answers NoSuchEntity for an unknown role', () => {
    expectAwsError(() => attachRolePolicy(ctx, { roleName: 'x', policyArn: LOCAL }), 'NoSuchEntity', 404, 'The role with name x cannot be found.');
  });
});

describe('detachRolePolicy', () => {
  it('detaches, and answers NoSuchEntity when not attached', () => {
    attachRolePolicy(ctx, { roleName: 'app', policyArn: LOCAL });
    detachRolePolicy(ctx, { roleName: 'app', policyArn: LOCAL });
    expectAwsError(() => detachRolePolicy(ctx, { roleName: 'app', policyArn: LOCAL }), 'NoSuchEntity', 404, `Policy ${LOCAL} was not found.`);
  });
});

describe('listAttachedRolePolicies', () => {
  it('filters by the policy path and pages', () => {
    attachRolePolicy(ctx, { roleName: 'app', policyArn: LOCAL });
    attachRolePolicy(ctx, { roleName: 'app', policyArn: AWS_MANAGED });
    expect(listAttachedRolePolicies(ctx, { roleName: 'app', pathPrefix: '/service-role/' }).items.map((p) => p.policyName)).toEqual(['AmazonEBSCSIDriverPolicy']);
    const first = listAttachedRolePolicies(ctx, { roleName: 'app', maxItems: 1 });
    expect(first.isTruncated).toBe(true);
    expect(listAttachedRolePolicies(ctx, { roleName: 'app', marker: first.marker }).items).toHaveLength(1);
  });
});
