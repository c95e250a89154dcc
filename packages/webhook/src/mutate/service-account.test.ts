import { describe, expect, it } from 'vitest';
import { annotationKeys } from './service-account.js';

describe('annotationKeys', () => {
  it('should name every annotation the webhook reads under the prefix', () => {
    expect(annotationKeys('example.com')).toEqual({
      roleArn: 'example.com/role-arn',
      audience: 'example.com/audience',
      stsRegionalEndpoints: 'example.com/sts-regional-endpoints',
      tokenExpiration: 'example.com/token-expiration',
      skipContainers: 'example.com/skip-containers',
    });
  });

  it('should build the names once per prefix', () => {
    expect(annotationKeys('eks.amazonaws.com')).toBe(annotationKeys('eks.amazonaws.com'));
  });
});
