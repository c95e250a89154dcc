import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPolicy, deletePolicy, getPolicy } from './managed-policies.js';
import { createPolicyVersion, deletePolicyVersion, getPolicyVersion, listPolicyVersions, setDefaultPolicyVersion } from './policy-versions.js';
import { PERMISSIONS_POLICY, T0, expectAwsError, iamTestContext } from './test-support.js';
import type { IamTestContext } from './test-support.js';

let ctx: IamTestContext;
beforeEach(() => {
  ctx = iamTestContext();
  createPolicy(ctx, { policyName: 'read', policyDocument: PERMISSIONS_POLICY });
});
afterEach(() => ctx.close());

const ARN = 'arn:aws:iam::000000000000:policy/read';
const docFor = (n: number): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${n}/*` }] });
const ids = (): string[] => listPolicyVersions(ctx, { policyArn: ARN }).items.map((v) => v.versionId);

describe('createPolicyVersion', () => {
  it('adds v2 without making it the default unless asked', () => {
    ctx.clock.advance(60);
    expect(createPolicyVersion(ctx, { policyArn: ARN, policyDocument: docFor(2) })).toEqual({
      versionId: 'v2',
      document: docFor(2),
      isDefaultVersion: false,
      createdAt: new Date(Date.parse(T0) + 60_000),
    });
    expect(getPolicy(ctx, ARN)).toMatchObject({ defaultVersionId: 'v1', document: PERMISSIONS_POLICY, updatedAt: new Date(T0) });
    createPolicyVersion(ctx, { policyArn: ARN, policyDocument: docFor(3), setAsDefault: true });
    expect(getPolicy(ctx, ARN)).toMatchObject({ defaultVersionId: 'v3', document: docFor(3), updatedAt: new Date(Date.parse(T0) + 60_000) });
  });

  it('refuses a sixth version with IAM message', () => {
    for (let n = 2; n <= 5; n++) createPolicyVersion(ctx, { policyArn: ARN, policyDocument: docFor(n) });
    expectAwsError(
      () => createPolicyVersion(ctx, { policyArn: ARN, policyDocument: docFor(6) }),
      'LimitExceeded',
      409,
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    );
  });

  it('never reuses a deleted version id', () => {
    createPolicyVersion(ctx, { policyArn: ARN, policyDocument: docFor(2) });
    deletePolicyVersion(ctx, { policyArn: ARN, versionId: 'v2' });
    expect(createPolicyVersion(ctx, { policyArn: ARN, policyDocument: docFor(3) }).versionId).toBe('v3');
    expect(ids()).toEqual(['v3', 'v1']);
  });

  it.each([
    ['arn:aws:iam::000000000000:policy/ghost', PERMISSIONS_POLICY, 'NoSuchEntity', 404, 'Policy arn:aws:iam::000000000000:policy/ghost was not found.'],
    [ARN, '{"Version":"2012-10-17"}', 'MalformedPolicyDocument', 400, 'Syntax errors in policy.'],
  ])('refuses %s %s', (policyArn, policyDocument, code, status, message) => {
    expectAwsError(() => createPolicyVersion(ctx, { policyArn, policyDocument }), code, status, message);
  });
});

describe('listPolicyVersions', () => {
  it('lists newest first and pages', () => {
    createPolicyVersion(ctx, { policyArn: ARN, policyDocument: docFor(2), setAsDefault: true });
    createPolicyVersion(ctx, { policyArn: ARN, policyDocument: docFor(3) });
    const all = listPolicyVersions(ctx, { policyArn: ARN }).items;
    expect(all.map((v) => [v.versionId, v.isDefaultVersion])).toEqual([['v3', false], ['v2', true], ['v1', false]]);
    const first = listPolicyVersions(ctx, { policyArn: ARN, maxItems: 2 });
    expect(first).toMatchObject({ isTruncated: true });
    expect(listPolicyVersions(ctx, { policyArn: ARN, marker: first.marker }).items.map((v) => v.versionId)).toEqual(['v1']);
  });

  it('lists an AWS managed policy versions from the catalogue', () => {
    const versions = listPolicyVersions(ctx, { policyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }).items;
    expect(versions.map((v) => [v.versionId, v.isDefaultVersion, v.createdAt.toISOString()])).toEqual([
      ['v3', true, '2023-08-10T21:31:39.000Z'],
      ['v2', false, '2021-09-27T20:24:58.000Z'],
      ['v1', false, '2015-02-06T18:40:59.000Z'],
    ]);
  });
});

describe('getPolicyVersion', () => {
  it('returns any version with its document', () => {
    createPolicyVersion(ctx, { policyArn: ARN, policyDocument: docFor(2) });
    expect(getPolicyVersion(ctx, { policyArn: ARN, versionId: 'v1' })).toEqual({ versionId: 'v1', document: PERMISSIONS_POLICY, isDefaultVersion: true, createdAt: new Date(T0) });
    expect(getPolicyVersion(ctx, { policyArn: ARN, versionId: 'v2' })).toMatchObject({ document: docFor(2), isDefaultVersion: false });
  });

  it('returns an AWS managed policy version', () => {
    const v1 = getPolicyVersion(ctx, { policyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', versionId: 'v1' });
    expect(JSON.parse(v1.document)).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }] });
  });

  it.each([
    [ARN, 'v9', `Policy ${ARN} version v9 does not exist or is not attachable.`],
    ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', 'v9', 'Policy arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess version v9 does not exist or is not attachable.'],
    ['arn:aws:iam::aws:policy/TotallyMadeUp', 'v1', 'Policy arn:aws:iam::aws:policy/TotallyMadeUp was not found.'],
  ])('answers NoSuchEntity for %s %s', (policyArn, versionId, message) => {
    expectAwsError(() => getPolicyVersion(ctx, { policyArn, versionId }), 'NoSuchEntity', 404, message);
  });
});

describe('setDefaultPolicyVersion', () => {
  it('makes a version the default, and answers NoSuchEntity for an unknown one', () => {
    createPolicyVersion(ctx, { policyArn: ARN, policyDocument: docFor(2) });
    ctx.clock.advance(5);
    setDefaultPolicyVersion(ctx, { policyArn: ARN, versionId: 'v2' });
    expect(getPolicy(ctx, ARN)).toMatchObject({ defaultVersionId: 'v2', document: docFor(2), updatedAt: new Date(Date.parse(T0) + 5000) });
    expectAwsError(() => setDefaultPolicyVersion(ctx, { policyArn: ARN, versionId: 'v7' }), 'NoSuchEntity', 404, `Policy ${ARN} version v7 does not exist or is not attachable.`);
  });
});

describe('deletePolicyVersion', () => {
  it('refuses the default version and unknown ones', () => {
    expectAwsError(() => deletePolicyVersion(ctx, { policyArn: ARN, versionId: 'v1' }), 'DeleteConflict', 409, 'Cannot delete the default version of a policy.');
    expectAwsError(() => deletePolicyVersion(ctx, { policyArn: ARN, versionId: 'v2' }), 'NoSuchEntity', 404, `Policy ${ARN} version v2 does not exist or is not attachable.`);
  });
});

describe('deletePolicy', () => {
  it('refuses a policy with non-default versions until they are deleted', () => {
    createPolicyVersion(ctx, { policyArn: ARN, policyDocument: docFor(2), setAsDefault: true });
    expectAwsError(
      () => deletePolicy(ctx, ARN),
      'DeleteConflict',
      409,
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
    deletePolicyVersion(ctx, { policyArn: ARN, versionId: 'v1' });
    deletePolicy(ctx, ARN);
    expect(ctx.store.policies.listVersions(ARN)).toEqual([]);
  });
});
