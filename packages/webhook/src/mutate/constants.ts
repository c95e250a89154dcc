// Values fixed by upstream (pkg/constants.go, pkg/handler/handler.go) or by AWS SDK conventions.
import type { MutationSettings } from './types.js';

export const MIN_TOKEN_EXPIRATION = 600;
export const DEFAULT_TOKEN_EXPIRATION = 86400;
// Pod Identity tokens left at the default lifetime are spread over [22h, 24h) so a fleet of pods
// does not refresh in lockstep (upstream pkg/handler/handler.go, jitter on the default only).
export const JITTER_MIN_EXPIRATION = 79200;

export const IRSA_VOLUME_NAME = 'aws-iam-token';
export const IRSA_TOKEN_PATH = 'token';
// The label key is fixed, not derived from --annotation-prefix (upstream b326ac6).
export const POD_IDENTITY_LABEL = 'eks.amazonaws.com/pod-identity';

export const ENV = {
  stsRegionalEndpoints: 'AWS_STS_REGIONAL_ENDPOINTS',
  defaultRegion: 'AWS_DEFAULT_REGION',
  region: 'AWS_REGION',
  roleArn: 'AWS_ROLE_ARN',
  webIdentityTokenFile: 'AWS_WEB_IDENTITY_TOKEN_FILE',
  fullUri: 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  authorizationTokenFile: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
} as const;

/** Upstream's production flag defaults (main.go). */
export const DEFAULT_MUTATION_SETTINGS: MutationSettings = {
  annotationPrefix: 'eks.amazonaws.com',
  tokenAudience: 'sts.amazonaws.com',
  tokenMountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount',
  tokenExpiration: DEFAULT_TOKEN_EXPIRATION,
  region: '',
  stsRegionalEndpoint: false,
  containerCredentials: {
    fullUri: 'http://169.254.170.23/v1/credentials',
    audience: 'pods.eks.amazonaws.com',
    mountPath: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount',
    volumeName: 'eks-pod-identity-token',
    tokenPath: 'eks-pod-identity-token',
  },
};
