import { describe, expect, it } from 'vitest';
import { LOCAL_NODE_CREDENTIALS, agentConfigFromFlags, localNodeCredentials, nodeCredentials } from './agent-options.js';

describe('agentConfigFromFlags', () => {
  it('should bind loopback on free ports by default, with static node keys and eksid as EKS Auth', () => {
    expect(agentConfigFromFlags({ cluster: 'demo' }, {})).toMatchObject({
      clusterName: 'demo',
      bindHosts: ['127.0.0.1'],
      port: undefined,
      probePort: 0,
      metricsPort: 0,
      endpoint: 'http://127.0.0.1:4599',
      credentials: LOCAL_NODE_CREDENTIALS,
    });
  });

  it('should keep the real ports when binding the real addresses', () => {
    const config = agentConfigFromFlags({ cluster: 'demo', bindHosts: ['169.254.170.23'], bind: ['[fd00:ec2::23]'] }, {});
    expect(config).toMatchObject({ bindHosts: ['169.254.170.23', '[fd00:ec2::23]'], probePort: undefined, metricsPort: undefined });
  });

  it('should map every tuning flag onto its AgentConfig field', () => {
    const config = agentConfigFromFlags({
      clusterName: 'c1', endpoint: 'http://eksid:4599/', port: 8080, probePort: 2703, metricsAddress: '0.0.0.0', metricsPort: 2705,
      maxCredentialRetentionBeforeRenewal: 60_000, maxCacheSize: 0, maxServiceQps: 7, maxRequestsPerSecond: 0,
    }, {});
    expect(config).toMatchObject({
      clusterName: 'c1', endpoint: 'http://eksid:4599', port: 8080, probePort: 2703, metricsAddress: '0.0.0.0', metricsPort: 2705,
      maxCredentialRetentionBeforeRenewalMs: 60_000, maxCacheSize: 0, maxServiceQps: 7, maxRequestsPerSecond: 0,
    });
  });

  it('should report decision events to eksid unless --no-report-events', () => {
    expect(agentConfigFromFlags({ cluster: 'demo' }, {}).reportEvents).toBe(true);
    expect(agentConfigFromFlags({ cluster: 'demo', reportEvents: false }, {}).reportEvents).toBe(false);
  });

  it('should refuse a missing cluster as a usage error', () => {
    expect(() => agentConfigFromFlags({}, {})).toThrow(expect.objectContaining({ exitCode: 2, message: "required option '-c, --cluster <name>' not specified" }));
  });
});

describe('agentConfigFromFlags endpoint', () => {
  it.each([
    [undefined, { EKSID_ENDPOINT: 'http://a:1', AWS_ENDPOINT_URL_EKS_AUTH: 'http://b:2' }, 'http://a:1'],
    [undefined, { AWS_ENDPOINT_URL_EKS_AUTH: 'http://b:2', AWS_ENDPOINT_URL: 'http://c:3' }, 'http://b:2'],
    [undefined, { AWS_ENDPOINT_URL: 'http://c:3' }, 'http://c:3'],
    ['http://flag:9/', { EKSID_ENDPOINT: 'http://a:1' }, 'http://flag:9'],
  ])('should take %s over %j', (flag, env, expected) => {
    expect(agentConfigFromFlags({ cluster: 'demo', endpoint: flag }, env).endpoint).toBe(expected);
  });
});

describe('nodeCredentials', () => {
  it.each([
    [{}, LOCAL_NODE_CREDENTIALS],
    [{ AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' }, undefined],
    [{ AWS_PROFILE: 'node' }, undefined],
  ])('should leave %j to the default chain only when it names a source', (env, expected) => {
    expect(nodeCredentials(env)).toEqual(expected);
  });
});

describe('localNodeCredentials', () => {
  const root = { EKSID_ROOT_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', EKSID_ROOT_SECRET_ACCESS_KEY: 'secret' };

  it('should sign as the root when EKSID_ROOT_* give its key pair, ahead of any other source', () => {
    const pair = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };
    expect(localNodeCredentials(root)).toEqual(pair);
    expect(nodeCredentials({ ...root, AWS_PROFILE: 'node' })).toEqual(pair);
  });

  it('should fall back to the static keys without both halves', () => {
    expect(localNodeCredentials({ EKSID_ROOT_ACCESS_KEY_ID: root.EKSID_ROOT_ACCESS_KEY_ID })).toBe(LOCAL_NODE_CREDENTIALS);
  });
});
