import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAccountAuthorizationDetails } from './account-details.js';
import type { AccountDetail } from './account-details.js';
import { attachRolePolicy } from './attachments.js';
import { createPolicy } from './managed-policies.js';
import { createPolicyVersion } from './policy-versions.js';
import { putRolePolicy } from './role-policies.js';
import { createRole } from './roles.js';
import { PERMISSIONS_POLICY, TRUST_POLICY, iamTestContext } from './test-support.js';
import type { IamTestContext } from './test-support.js';

const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const IAM_READ = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';

let ctx: IamTestContext;
let local: string;
beforeEach(() => {
  ctx = iamTestContext();
  local = createPolicy(ctx, { policyName: 'read', policyDocument: PERMISSIONS_POLICY }).arn;
  createPolicyVersion(ctx, { policyArn: local, policyDocument: PERMISSIONS_POLICY.replace('bucket', 'other'), setAsDefault: true });
  createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY, permissionsBoundary: IAM_READ, tags: [{ Key: 'team', Value: 'a' }] });
  putRolePolicy(ctx, { roleName: 'app', policyName: 'inline', policyDocument: PERMISSIONS_POLICY });
  attachRolePolicy(ctx, { roleName: 'app', policyArn: local });
  attachRolePolicy(ctx, { roleName: 'app', policyArn: S3_READ });
});
afterEach(() => ctx.close());

const keys = (items: AccountDetail[]) => items.map((e) => (e.kind === 'role' ? `role ${e.detail.role.name}` : `policy ${e.detail.policy.arn}`));

describe('getAccountAuthorizationDetails', () => {
  it('lists roles with their policies, then customer policies and the AWS managed ones in use, by name', () => {
    const page = getAccountAuthorizationDetails(ctx);
    expect(keys(page.items)).toEqual(['role app', `policy ${S3_READ}`, `policy ${IAM_READ}`, `policy ${local}`]);
    const [role, , , policy] = page.items;
    expect(role).toMatchObject({ detail: { inlinePolicies: [{ policyName: 'inline', document: PERMISSIONS_POLICY }], attachedPolicies: [{ policyName: 'read', policyArn: local }, { policyName: 'AmazonS3ReadOnlyAccess', policyArn: S3_READ }] } });
    expect(policy?.kind === 'policy' && policy.detail.versions.map((v) => [v.versionId, v.isDefaultVersion])).toEqual([['v2', true], ['v1', false]]);
  });

  it.each([
    [['Role'], ['role app']],
    [['LocalManagedPolicy'], [`policy ${'arn:aws:iam::000000000000:policy/read'}`]],
    [['AWSManagedPolicy'], [`policy ${S3_READ}`, `policy ${IAM_READ}`]],
    [['User', 'Group'], []],
  ] as const)('keeps only the entity types of Filter %o', (filter, expected) => {
    expect(keys(getAccountAuthorizationDetails(ctx, { filter }).items)).toEqual(expected);
  });

  it('pages over roles and policies together', () => {
    const first = getAccountAuthorizationDetails(ctx, { maxItems: 2 });
    expect(keys(first.items)).toEqual(['role app', `policy ${S3_READ}`]);
    expect(keys(getAccountAuthorizationDetails(ctx, { marker: first.marker }).items)).toEqual([`policy ${IAM_READ}`, `policy ${local}`]);
  });
});
