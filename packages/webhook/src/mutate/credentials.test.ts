import { describe, expect, it } from 'vitest';
import { DEFAULT_MUTATION_SETTINGS } from './constants.js';
import { resolvePodCredentials } from './credentials.js';
import type { CredentialRequest } from './credentials.js';

const ROLE = 'arn:aws:iam::000000000000:role/reader';
const request = (overrides: Partial<CredentialRequest>): CredentialRequest => ({
  serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': ROLE },
  podIdentityAssociation: false,
  settings: DEFAULT_MUTATION_SETTINGS,
  randomInt: () => 0,
  ...overrides,
});

describe('resolvePodCredentials', () => {
  it('gives an IRSA service account the role pair and the aws-iam-token volume', () => {
    expect(resolvePodCredentials(request({}))).toEqual({
      mode: 'irsa',
      token: {
        volumeName: 'aws-iam-token',
        mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount',
        path: 'token',
        file: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
        audience: 'sts.amazonaws.com',
        expirationSeconds: 86400,
      },
      stsEnv: [],
      regionEnv: [],
      credentialEnv: [
        { name: 'AWS_ROLE_ARN', value: ROLE },
        { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token' },
      ],
      env: [
        { name: 'AWS_ROLE_ARN', value: ROLE },
        { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token' },
      ],
    });
  });

  it('lets a Pod Identity association win over a role and uses the production defaults', () => {
    const credentials = resolvePodCredentials(request({ podIdentityAssociation: true, randomInt: () => 1234 }));
    expect(credentials?.mode).toBe('pod-identity');
    expect(credentials?.token).toEqual({
      volumeName: 'eks-pod-identity-token',
      mountPath: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount',
      path: 'eks-pod-identity-token',
      file: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token',
      audience: 'pods.eks.amazonaws.com',
      expirationSeconds: 79200 + 1234,
    });
    expect(credentials?.env.map((env) => env.name)).toEqual([
      'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
    ]);
  });

  it('works for a Pod Identity association whose service account is unknown (eksid exec)', () => {
    const credentials = resolvePodCredentials(request({ serviceAccountAnnotations: undefined, podIdentityAssociation: true }));
    expect(credentials?.env[0]).toEqual({ name: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: 'http://169.254.170.23/v1/credentials' });
  });

  it('gives nothing without a role or an association', () => {
    expect(resolvePodCredentials(request({ serviceAccountAnnotations: {} }))).toBeUndefined();
    expect(resolvePodCredentials(request({ serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': '' } }))).toBeUndefined();
  });

  it('orders env as STS, region pair, credentials', () => {
    const credentials = resolvePodCredentials(request({
      settings: { ...DEFAULT_MUTATION_SETTINGS, region: 'eu-west-1', stsRegionalEndpoint: true },
    }));
    expect(credentials?.env.map((env) => `${env.name}=${env.value}`)).toEqual([
      'AWS_STS_REGIONAL_ENDPOINTS=regional',
      'AWS_DEFAULT_REGION=eu-west-1',
      'AWS_REGION=eu-west-1',
      `AWS_ROLE_ARN=${ROLE}`,
      'AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
    ]);
  });

  it.each([
    ['SA annotation beats the flag', { 'eks.amazonaws.com/token-expiration': '3600' }, undefined, 3600],
    ['SA annotation is raised to 600', { 'eks.amazonaws.com/token-expiration': '60' }, undefined, 600],
    ['unparsable SA annotation falls back to the flag', { 'eks.amazonaws.com/token-expiration': '1h' }, undefined, 86400],
    ['pod annotation beats the SA', { 'eks.amazonaws.com/token-expiration': '3600' }, '7200', 7200],
    ['pod annotation is raised to 600', {}, '0', 600],
    ['unparsable pod annotation is ignored', { 'eks.amazonaws.com/token-expiration': '3600' }, 'soon', 3600],
  ])('%s', (_name, saAnnotations, podExpiration, expected) => {
    const credentials = resolvePodCredentials(request({
      serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': ROLE, ...saAnnotations },
      podAnnotations: podExpiration === undefined ? undefined : { 'eks.amazonaws.com/token-expiration': podExpiration },
    }));
    expect(credentials?.token.expirationSeconds).toBe(expected);
  });

  it('honours the SA audience and regional-STS annotations under another prefix', () => {
    const credentials = resolvePodCredentials(request({
      settings: { ...DEFAULT_MUTATION_SETTINGS, annotationPrefix: 'example.com', stsRegionalEndpoint: true },
      serviceAccountAnnotations: {
        'example.com/role-arn': ROLE,
        'example.com/audience': '',
        'example.com/sts-regional-endpoints': 'false',
      },
    }));
    expect(credentials?.token.audience).toBe('');
    expect(credentials?.stsEnv).toEqual([]);
  });

  it('writes Windows token paths with a drive and backslashes, in Pod Identity mode too', () => {
    const credentials = resolvePodCredentials(request({ podIdentityAssociation: true, windows: true }));
    expect(credentials?.credentialEnv[1]?.value).toBe(
      'C:\\var\\run\\secrets\\pods.eks.amazonaws.com\\serviceaccount\\eks-pod-identity-token');
    expect(credentials?.token.file).toBe('/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token');
  });

  it('jitters a pod annotation of exactly 86400 in Pod Identity mode but never in IRSA mode', () => {
    const podAnnotations = { 'eks.amazonaws.com/token-expiration': '86400' };
    const draws: number[] = [];
    const randomInt = (max: number): number => { draws.push(max); return max - 1; };
    expect(resolvePodCredentials(request({ podIdentityAssociation: true, podAnnotations, randomInt }))?.token.expirationSeconds).toBe(86399);
    expect(resolvePodCredentials(request({ podAnnotations, randomInt }))?.token.expirationSeconds).toBe(86400);
    expect(draws).toEqual([7200]);
  });
});
