import { resolvePodCredentials } from '@eksid/webhook';
import type { PodCredentials } from '@eksid/webhook';
import { describe, expect, it } from 'vitest';
import { execMutationSettings, podEnvironment } from './environment.js';

const DIR = '/tmp/eksid-exec-test';
const ROLE = { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::000000000000:role/demo-app' };

function resolve(annotations: Record<string, string> | undefined, association: boolean): PodCredentials | undefined {
  return resolvePodCredentials({ serviceAccountAnnotations: annotations, podIdentityAssociation: association, settings: execMutationSettings(DIR), randomInt: () => 0 });
}

describe('exec decision (resolvePodCredentials with exec settings)', () => {
  it.each([
    ['an association and a role annotation', ROLE, true, 'pod-identity'],
    ['an association alone', {}, true, 'pod-identity'],
    ['a role annotation alone', ROLE, false, 'irsa'],
    ['neither', {}, false, undefined],
  ])('should decide like EKS for %s', (_label, annotations, association, mode) => {
    expect(resolve(annotations, association)?.mode).toBe(mode);
  });

  it('should put the IRSA token under the temp dir with the webhook audience and lifetime', () => {
    expect(resolve(ROLE, false)?.token).toMatchObject({ file: `${DIR}/eks.amazonaws.com/serviceaccount/token`, audience: 'sts.amazonaws.com', expirationSeconds: 86_400 });
  });

  it('should put the Pod Identity token under the temp dir with a jittered lifetime of at least 22 h', () => {
    expect(resolve({}, true)?.token).toMatchObject({ file: `${DIR}/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token`, audience: 'pods.eks.amazonaws.com', expirationSeconds: 79_200 });
  });
});

describe('podEnvironment', () => {
  const parent = {
    PATH: '/bin', AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't', AWS_PROFILE: 'admin',
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/creds', AWS_ROLE_ARN: 'arn:aws:iam::1:role/mine', AWS_ENDPOINT_URL: 'http://localstack:4566',
  };

  it('should drop inherited credential sources and inject the webhook env for IRSA', () => {
    const env = podEnvironment({ parent, credentials: resolve(ROLE, false), endpoint: 'http://127.0.0.1:4599', dir: DIR });
    expect(env).toEqual({
      PATH: '/bin',
      AWS_ROLE_ARN: 'arn:aws:iam::000000000000:role/demo-app',
      AWS_WEB_IDENTITY_TOKEN_FILE: `${DIR}/eks.amazonaws.com/serviceaccount/token`,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4599',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4599',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: `${DIR}/aws-config`,
      AWS_SHARED_CREDENTIALS_FILE: `${DIR}/aws-credentials`,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
  });

  it('should point the container credentials URI at the loopback agent for Pod Identity', () => {
    const env = podEnvironment({ parent: {}, credentials: resolve({}, true), endpoint: 'http://e:1', agentUrl: 'http://127.0.0.1:5555/v1/credentials', dir: DIR });
    expect(env['AWS_CONTAINER_CREDENTIALS_FULL_URI']).toBe('http://127.0.0.1:5555/v1/credentials');
    expect(env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']).toBe(`${DIR}/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token`);
    expect(env['AWS_ROLE_ARN']).toBeUndefined();
  });

  it('should keep an inherited region, filling in the other name', () => {
    const env = podEnvironment({ parent: { AWS_DEFAULT_REGION: 'eu-west-1' }, credentials: undefined, endpoint: 'http://e:1', dir: DIR });
    expect([env['AWS_REGION'], env['AWS_DEFAULT_REGION']]).toEqual(['eu-west-1', 'eu-west-1']);
  });

  it('should add no credentials when the account has no identity', () => {
    const env = podEnvironment({ parent, credentials: undefined, endpoint: 'http://e:1', dir: DIR });
    expect(Object.keys(env).filter((k) => /ROLE|KEY|TOKEN|PROFILE|CONTAINER/.test(k))).toEqual([]);
  });
});
