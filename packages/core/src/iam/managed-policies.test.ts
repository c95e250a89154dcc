import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachRolePolicy } from './attachments.js';
import { createPolicy, deletePolicy, getPolicy, listPolicies } from './managed-policies.js';
import { createRole } from './roles.js';
import { PERMISSIONS_POLICY, T0, TRUST_POLICY, expectAwsError, iamTestContext } from './test-support.js';
import type { IamTestContext } from './test-support.js';

let ctx: IamTestContext;
beforeEach(() => {
  ctx = iamTestContext();
});
afterEach(() => ctx.close());

const ARN = 'arn:aws:iam::000000000000:policy/team/read';

describe('createPolicy', () => {
  it('stores v1 with an ANPA id, path ARN and zero usage', () => {
    const policy = createPolicy(ctx, { policyName: 'read', path: '/team/', policyDocument: PERMISSIONS_POLICY, description: 'd' });
    expect(policy).toMatchObject({ arn: ARN, name: 'read', path: '/team/', defaultVersionId: 'v1', attachmentCount: 0, permissionsBoundaryUsageCount: 0, description: 'd', createdAt: new Date(T0), updatedAt: new Date(T0) });
    expect(policy.policyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
  });

  it('refuses a name already used in any path and case', () => {
    createPolicy(ctx, { policyName: 'read', path: '/team/', policyDocument: PERMISSIONS_POLICY });
    expectAwsError(() => createPolicy(ctx, { policyName: 'READ', policyDocument: PERMISSIONS_POLICY }), 'EntityAlreadyExists', 409, 'A policy called READ already exists. Duplicate names are not allowed.');
  });

  it.each([
    ['{"Version":"2012-10-17"}', 'MalformedPolicyDocument', 400, 'Syntax errors in policy.'],
    [TRUST_POLICY, 'MalformedPolicyDocument', 400, 'Policy document should not specify a principal.'],
  ])('refuses document %s', (doc, code, status, message) => {
    expectAwsError(() => createPolicy(ctx, { policyName: 'p', policyDocument: doc }), code, status, message);
  });

  it('refuses a document over 6144 characters', () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(6100)}` }] });
    expectAwsError(() => createPolicy(ctx, { policyName: 'p', policyDocument: doc }), 'LimitExceeded', 409, 'Cannot exceed quota for PolicySize: 6144');
  });
});

describe('getPolicy', () => {
  it('counts role attachments and boundary uses', () => {
    createPolicy(ctx, { policyName: 'read', path: '/team/', policyDocument: PERMISSIONS_POLICY });
    createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY, permissionsBoundary: ARN });
    attachRolePolicy(ctx, { roleName: 'app', policyArn: ARN });
    expect(getPolicy(ctx, ARN)).toMatchObject({ attachmentCount: 1, permissionsBoundaryUsageCount: 1 });
  });

  it.each([
    ['arn:aws:iam::000000000000:policy/ghost', 'NoSuchEntity', 404, 'Policy arn:aws:iam::000000000000:policy/ghost was not found.'],
    ['arn:aws:iam::000000000000:role/app', 'InvalidInput', 400, 'ARN arn:aws:iam::000000000000:role/app is not valid.'],
    ['not-an-arn-at-all-really', 'InvalidInput', 400, 'ARN not-an-arn-at-all-really is not valid.'],
  ])('answers %s with %s', (arn, code, status, message) => {
    expectAwsError(() => getPolicy(ctx, arn), code, status, message);
  });
});

describe('listPolicies', () => {
  it('lists local policies, filters by path and attachment, and pages', () => {
    for (const name of ['b', 'a', 'c']) createPolicy(ctx, { policyName: name, path: name === 'c' ? '/x/' : '/', policyDocument: PERMISSIONS_POLICY });
    createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY });
    attachRolePolicy(ctx, { roleName: 'app', policyArn: 'arn:aws:iam::000000000000:policy/b' });
    const names = (input: Parameters<typeof listPolicies>[1]) => listPolicies(ctx, { scope: 'Local', ...input }).items.map((p) => p.name);
    expect(names({})).toEqual(['a', 'b', 'c']);
    expect(names({ pathPrefix: '/x/' })).toEqual(['c']);
    expect(names({ onlyAttached: true })).toEqual(['b']);
    expect(names({ policyUsageFilter: 'PermissionsBoundary' })).toEqual([]);
    const first = listPolicies(ctx, { scope: 'Local', maxItems: 1 });
    expect(names({ marker: first.marker })).toEqual(['b', 'c']);
  });
});

describe('deletePolicy', () => {
  it('refuses while attached, then deletes once detached', () => {
    createPolicy(ctx, { policyName: 'read', path: '/team/', policyDocument: PERMISSIONS_POLICY });
    createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY });
    attachRolePolicy(ctx, { roleName: 'app', policyArn: ARN });
    expectAwsError(() => deletePolicy(ctx, ARN), 'DeleteConflict', 409, 'Cannot delete a policy attached to entities.');
    ctx.store.policies.detach('000000000000', 'app', ARN);
    deletePolicy(ctx, ARN);
    expect(ctx.store.policies.listVersions(ARN)).toEqual([]);
    expectAwsError(() => deletePolicy(ctx, ARN), 'NoSuchEntity', 404, `Policy ${ARN} was not found.`);
  });
});

describe('AWS managed policies', () => {
  const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

  it('gets one from the catalogue with this account usage', () => {
    createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY });
    attachRolePolicy(ctx, { roleName: 'app', policyArn: S3_READ });
    expect(getPolicy(ctx, S3_READ)).toMatchObject({
      arn: S3_READ,
      name: 'AmazonS3ReadOnlyAccess',
      path: '/',
      defaultVersionId: 'v3',
      attachmentCount: 1,
      permissionsBoundaryUsageCount: 0,
      isAttachable: true,
      createdAt: new Date('2015-02-06T18:40:59.000Z'),
      updatedAt: new Date('2023-08-10T21:31:39.000Z'),
    });
  });

  it('answers NoSuchEntity for one AWS does not have, and refuses to delete a real one', () => {
    expectAwsError(() => getPolicy(ctx, 'arn:aws:iam::aws:policy/TotallyMadeUp'), 'NoSuchEntity', 404, 'Policy arn:aws:iam::aws:policy/TotallyMadeUp was not found.');
    expectAwsError(() => deletePolicy(ctx, 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'), 'NoSuchEntity', 404, 'Policy arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess was not found.');
  });

  it('lists them with Scope AWS, both kinds by name with All, and filters by path and attachment', () => {
    createPolicy(ctx, { policyName: 'AmazonS3ReadOnlyAccesz', policyDocument: PERMISSIONS_POLICY });
    createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY });
    attachRolePolicy(ctx, { roleName: 'app', policyArn: S3_READ });
    const names = (input: Parameters<typeof listPolicies>[1]) => listPolicies(ctx, { maxItems: 1000, ...input }).items.map((p) => p.name);
    expect(names({ scope: 'AWS' })).toHaveLength(1000);
    expect(listPolicies(ctx, { scope: 'AWS', maxItems: 1000 })).toMatchObject({ isTruncated: true });
    expect(names({ scope: 'AWS', pathPrefix: '/job-function/' })).toContain('ViewOnlyAccess');
    expect(names({ scope: 'AWS', onlyAttached: true })).toEqual(['AmazonS3ReadOnlyAccess']);
    expect(names({ onlyAttached: true })).toEqual(['AmazonS3ReadOnlyAccess']);
    const all = names({ pathPrefix: '/', marker: undefined, maxItems: 1000 });
    expect(all.slice(all.indexOf('AmazonS3ReadOnlyAccess'), all.indexOf('AmazonS3ReadOnlyAccess') + 2)).toEqual(['AmazonS3ReadOnlyAccess', 'AmazonS3ReadOnlyAccesz']);
    expect(listPolicies(ctx, { scope: 'AWS', pathPrefix: '/aws-service-role/', maxItems: 1 }).items[0]).toMatchObject({ isAttachable: false });
  });

  it('pages Scope All through every policy exactly once', () => {
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = listPolicies(ctx, { maxItems: 500, marker });
      seen.push(...page.items.map((p) => p.arn));
      marker = page.marker;
    } while (marker !== undefined);
    expect(seen).toHaveLength(1594);
    expect(new Set(seen).size).toBe(1594);
  });
});
