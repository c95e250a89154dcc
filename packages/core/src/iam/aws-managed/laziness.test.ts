import { describe, expect, it } from 'vitest';
import { attachRolePolicy } from '../attachments.js';
import { getPolicy } from '../managed-policies.js';
import { createRole } from '../roles.js';
import { TRUST_POLICY, expectAwsError, iamTestContext } from '../test-support.js';
import { awsManagedCatalogueLoaded } from './load.js';

// Its own file: vitest gives each test file fresh modules, so nothing read the catalogue before.
describe('the AWS managed catalogue', () => {
  it('is read only when a policy AWS has is looked at, not to attach one or to refuse a made-up one', () => {
    const ctx = iamTestContext();
    createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY, permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' });
    attachRolePolicy(ctx, { roleName: 'app', policyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' });
    expectAwsError(() => getPolicy(ctx, 'arn:aws:iam::aws:policy/TotallyMadeUp'), 'NoSuchEntity', 404, 'Policy arn:aws:iam::aws:policy/TotallyMadeUp was not found.');
    expect(awsManagedCatalogueLoaded()).toBe(false);
    expect(getPolicy(ctx, 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess').attachmentCount).toBe(1);
    expect(awsManagedCatalogueLoaded()).toBe(true);
    ctx.close();
  });
});
