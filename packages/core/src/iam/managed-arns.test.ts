import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAwsManagedPolicyArn, managedPolicyDocument, policyNameOfArn } from './managed-arns.js';
import { iamTestContext } from './test-support.js';
import type { IamTestContext } from './test-support.js';

let ctx: IamTestContext;
beforeEach(() => {
  ctx = iamTestContext();
});
afterEach(() => ctx.close());

describe('isAwsManagedPolicyArn', () => {
  it.each([
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', true],
    ['arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy', true],
    ['arn:aws:iam::000000000000:policy/mine', false],
    ['arn:aws-cn:iam::aws:policy/ReadOnlyAccess', false],
    ['arn:aws:iam::aws:role/x', false],
  ])('%s → %s', (arn, expected) => {
    expect(isAwsManagedPolicyArn(ctx, arn)).toBe(expected);
  });
});

describe('policyNameOfArn', () => {
  it('is the last path segment', () => {
    expect(policyNameOfArn('arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy')).toBe('AmazonEBSCSIDriverPolicy');
  });
});

describe('managedPolicyDocument', () => {
  it('is an AWS managed policy default version from the catalogue', () => {
    const doc = JSON.parse(managedPolicyDocument(ctx, 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess') ?? '{}');
    expect(doc.Statement[0].Action).toEqual(['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*']);
  });

  it('is undefined for an AWS managed ARN AWS does not have', () => {
    expect(managedPolicyDocument(ctx, 'arn:aws:iam::aws:policy/TotallyMadeUp')).toBeUndefined();
  });
});
