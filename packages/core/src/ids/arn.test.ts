import { describe, expect, it } from 'vitest';
import { assumedRoleArn, clusterArn, oidcProviderArn, parseArn, policyArn, roleArn, rootArn } from './arn.js';

describe('parseArn', () => {
  it.each([
    ['arn:aws:iam::123456789012:role/a/b/Name', { partition: 'aws', service: 'iam', region: '', account: '123456789012', resource: 'role/a/b/Name' }],
    ['arn:aws:sts::123456789012:assumed-role/R/s', { partition: 'aws', service: 'sts', region: '', account: '123456789012', resource: 'assumed-role/R/s' }],
    ['arn:aws-cn:eks:cn-north-1:123456789012:cluster/c', { partition: 'aws-cn', service: 'eks', region: 'cn-north-1', account: '123456789012', resource: 'cluster/c' }],
    ['arn:aws:logs:us-east-1:1:log-group:g:*', { partition: 'aws', service: 'logs', region: 'us-east-1', account: '1', resource: 'log-group:g:*' }],
    ['arn:aws:s3:::bucket', { partition: 'aws', service: 's3', region: '', account: '', resource: 'bucket' }],
  ])('should split %s', (s, expected) => {
    expect(parseArn(s)).toEqual(expected);
  });

  it.each(['', 'arn', 'arn:aws:iam::123456789012', 'arn:aws:iam::123456789012:', 'arn::iam::1:role/x', 'arn:aws:::1:x', 'ARN:aws:iam::1:role/x', 'urn:aws:iam::1:role/x'])(
    'should return undefined for %j',
    (s) => {
      expect(parseArn(s)).toBeUndefined();
    },
  );
});

describe('ARN builders', () => {
  it('should put a root-path role directly under role/', () => {
    expect(roleArn('aws', '123456789012', '/', 'app')).toBe('arn:aws:iam::123456789012:role/app');
  });

  it('should keep a nested role path', () => {
    expect(roleArn('aws', '123456789012', '/a/b/', 'app')).toBe('arn:aws:iam::123456789012:role/a/b/app');
  });

  it.each(['', 'a/', '/a'])('should reject IAM path %j as a caller bug', (path) => {
    expect(() => roleArn('aws', '123456789012', path, 'app')).toThrow(TypeError);
    expect(() => policyArn('aws', '123456789012', path, 'p')).toThrow(TypeError);
  });

  it('should build policy ARNs with their path', () => {
    expect(policyArn('aws', '123456789012', '/', 'p')).toBe('arn:aws:iam::123456789012:policy/p');
    expect(policyArn('aws-us-gov', '123456789012', '/x/', 'p')).toBe('arn:aws-us-gov:iam::123456789012:policy/x/p');
  });

  it('should build assumed-role ARNs under sts', () => {
    expect(assumedRoleArn('aws', '123456789012', 'app', 'botocore-session-1')).toBe(
      'arn:aws:sts::123456789012:assumed-role/app/botocore-session-1',
    );
  });

  it('should build OIDC provider ARNs from host and path, dropping https://', () => {
    const expected = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC';
    expect(oidcProviderArn('aws', '123456789012', 'oidc.eks.us-east-1.amazonaws.com/id/ABC')).toBe(expected);
    expect(oidcProviderArn('aws', '123456789012', 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC')).toBe(expected);
  });

  it('should build regional cluster ARNs', () => {
    expect(clusterArn('aws', 'eu-west-1', '123456789012', 'demo')).toBe('arn:aws:eks:eu-west-1:123456789012:cluster/demo');
  });

  it('should build the root ARN, in aws unless told otherwise', () => {
    expect(rootArn('123456789012')).toBe('arn:aws:iam::123456789012:root');
    expect(rootArn('123456789012', 'aws-cn')).toBe('arn:aws-cn:iam::123456789012:root');
  });

  it('should round-trip through parseArn', () => {
    expect(parseArn(roleArn('aws', '123456789012', '/a/', 'r'))?.resource).toBe('role/a/r');
  });
});
