import { describe, expect, it } from 'vitest';
import { defaultAllowedHosts, REAL_BIND_HOSTS, resolveEndpoint, resolveRegion } from './config.js';

describe('defaultAllowedHosts', () => {
  it('is the real agent\'s two addresses when bound to them', () => {
    expect(defaultAllowedHosts(REAL_BIND_HOSTS)).toEqual(['169.254.170.23', 'fd00:ec2::23']);
  });
  it('adds the bound loopback hosts and localhost for local use', () => {
    expect(defaultAllowedHosts(['127.0.0.1', '[::1]'])).toEqual(['169.254.170.23', 'fd00:ec2::23', '127.0.0.1', '::1', 'localhost']);
  });
});

describe('resolveEndpoint', () => {
  it.each([
    [{ endpoint: 'http://a' }, { AWS_ENDPOINT_URL_EKS_AUTH: 'http://b', AWS_ENDPOINT_URL: 'http://c' }, 'http://a'],
    [{}, { AWS_ENDPOINT_URL_EKS_AUTH: 'http://b', AWS_ENDPOINT_URL: 'http://c' }, 'http://b'],
    [{}, { AWS_ENDPOINT_URL: 'http://c' }, 'http://c'],
    [{}, {}, 'https://eks-auth.eu-west-1.api.aws'],
  ])('%j with env %j → %s', (config, env, expected) => {
    expect(resolveEndpoint({ clusterName: 'demo', ...config }, env, 'eu-west-1')).toBe(expected);
  });
});

describe('resolveRegion', () => {
  it('prefers config, then AWS_REGION, AWS_DEFAULT_REGION, then us-east-1', () => {
    expect(resolveRegion({ clusterName: 'd', region: 'r1' }, { AWS_REGION: 'r2' })).toBe('r1');
    expect(resolveRegion({ clusterName: 'd' }, { AWS_REGION: 'r2', AWS_DEFAULT_REGION: 'r3' })).toBe('r2');
    expect(resolveRegion({ clusterName: 'd' }, { AWS_DEFAULT_REGION: 'r3' })).toBe('r3');
    expect(resolveRegion({ clusterName: 'd' }, {})).toBe('us-east-1');
  });
});
