import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAwsManagedPolicyArn, policyNameOfArn } from './managed-arns.js';
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
    ['arn:aws:iam::aws:policy/service-role/AmazonEKSClusterPolicy', true],
    ['arn:aws:iam::000000000000:policy/mine', false],
    ['arn:aws-cn:iam::aws:policy/ReadOnlyAccess', false],
    ['arn:aws:iam::aws:role/x', false],
  ])('%s → %s', (arn, expected) => {
    expect(isAwsManagedPolicyArn(ctx, arn)).toBe(expected);
  });
});

describe('policyNameOfArn', () => {
  it('is the last path segment', () => {
    expect(policyNameOfArn('arn:aws:iam::aws:policy/service-role/AmazonEKSClusterPolicy')).toBe('AmazonEKSClusterPolicy');
  });
});
