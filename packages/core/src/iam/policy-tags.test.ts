import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPolicy, getPolicy } from './managed-policies.js';
import { listPolicyTags, tagPolicy, untagPolicy } from './policy-tags.js';
import { PERMISSIONS_POLICY, expectAwsError, iamTestContext } from './test-support.js';
import type { IamTestContext } from './test-support.js';

let ctx: IamTestContext;
let arn: string;
beforeEach(() => {
  ctx = iamTestContext();
  arn = createPolicy(ctx, { policyName: 'read', policyDocument: PERMISSIONS_POLICY, tags: [{ Key: 'env', Value: 'dev' }] }).arn;
});
afterEach(() => ctx.close());

describe('tagPolicy / untagPolicy / listPolicyTags', () => {
  it('overwrites a key in any case, appends new keys, and removes keys, as TagRole does', () => {
    tagPolicy(ctx, { policyArn: arn, tags: [{ Key: 'ENV', Value: 'prod' }, { Key: 'team', Value: 'a' }] });
    expect(listPolicyTags(ctx, { policyArn: arn }).items).toEqual([{ Key: 'ENV', Value: 'prod' }, { Key: 'team', Value: 'a' }]);
    untagPolicy(ctx, { policyArn: arn, tagKeys: ['env', 'missing'] });
    expect(getPolicy(ctx, arn).tags).toEqual([{ Key: 'team', Value: 'a' }]);
  });

  it('refuses duplicate keys in any case and more than 50 tags in all', () => {
    expectAwsError(
      () => tagPolicy(ctx, { policyArn: arn, tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] }),
      'InvalidInput',
      400,
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    );
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expectAwsError(() => tagPolicy(ctx, { policyArn: arn, tags }), 'LimitExceeded', 409, 'The number of tags has reached the maximum limit of 50.');
  });

  it('pages tags with MaxItems and Marker', () => {
    tagPolicy(ctx, { policyArn: arn, tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] });
    const first = listPolicyTags(ctx, { policyArn: arn, maxItems: 2 });
    expect(first.items.map((t) => t.Key)).toEqual(['env', 'a']);
    expect(listPolicyTags(ctx, { policyArn: arn, marker: first.marker }).items.map((t) => t.Key)).toEqual(['b']);
  });

  it('lists no tags for an AWS managed policy and refuses to tag one', () => {
    const aws = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
    expect(listPolicyTags(ctx, { policyArn: aws }).items).toEqual([]);
    expectAwsError(() => tagPolicy(ctx, { policyArn: aws, tags: [{ Key: 'a', Value: '1' }] }), 'NoSuchEntity', 404, `Policy ${aws} was not found.`);
  });

  it('answers NoSuchEntity for an unknown policy and InvalidInput for a malformed ARN', () => {
    const gone = 'arn:aws:iam::000000000000:policy/gone';
    expectAwsError(() => untagPolicy(ctx, { policyArn: gone, tagKeys: ['a'] }), 'NoSuchEntity', 404, `Policy ${gone} was not found.`);
    expectAwsError(() => listPolicyTags(ctx, { policyArn: 'nope' }), 'InvalidInput', 400, 'ARN nope is not valid.');
  });
});
