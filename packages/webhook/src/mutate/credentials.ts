// What a pod gets: one source of truth shared by the admission webhook and `eksid exec`.
// Precedence (upstream pkg/handler/handler.go buildPodPatchConfig): a Pod Identity association
// wins over an IRSA role; the pod's token-expiration annotation beats the service account's,
// which beats the flag.
import {
  DEFAULT_TOKEN_EXPIRATION,
  ENV,
  IRSA_TOKEN_PATH,
  IRSA_VOLUME_NAME,
  JITTER_MIN_EXPIRATION,
} from './constants.js';
import { goJoinPath } from './go-compat.js';
import { readPodTokenExpiration, readServiceAccountSettings } from './service-account.js';
import type { Annotations } from './service-account.js';
import type { EnvVar, MutationSettings, RandomInt } from './types.js';

export type CredentialMode = 'irsa' | 'pod-identity';

export interface CredentialRequest {
  /** The service account's annotations; undefined when it does not exist or is unknown. */
  serviceAccountAnnotations: Annotations | undefined;
  /** Whether (namespace, service account) has a Pod Identity association. */
  podIdentityAssociation: boolean;
  /** Pod annotations (token-expiration); none for `eksid exec`. */
  podAnnotations?: Annotations | undefined;
  /** Windows nodes get `C:\...` token file paths in env values. */
  windows?: boolean;
  settings: MutationSettings;
  randomInt: RandomInt;
}

export interface ProjectedToken {
  volumeName: string;
  /** Directory the volume is mounted at. */
  mountPath: string;
  /** File name inside the volume. */
  path: string;
  /** mountPath joined with path (POSIX, Go-cleaned); "" when both are empty. */
  file: string;
  /** "" means the projected token carries the API server's default audience. */
  audience: string;
  expirationSeconds: number;
}

export interface PodCredentials {
  mode: CredentialMode;
  token: ProjectedToken;
  /** AWS_STS_REGIONAL_ENDPOINTS when regional STS is on. */
  stsEnv: EnvVar[];
  /** AWS_DEFAULT_REGION then AWS_REGION when a region is configured. */
  regionEnv: EnvVar[];
  /** The mode's pair: role ARN or full URI first, then the token file. */
  credentialEnv: EnvVar[];
  /** All of the above in upstream's injection order. */
  env: EnvVar[];
}

// The token file depends on settings only; path.Join-ing it for every pod made a measurable
// share of admission's garbage (pnpm bench), so each pair is joined once.
const tokenFiles = new Map<string, Map<string, string>>();

function tokenFile(mountPath: string, path: string): string {
  let byPath = tokenFiles.get(mountPath);
  if (byPath === undefined) tokenFiles.set(mountPath, (byPath = new Map()));
  let file = byPath.get(path);
  if (file === undefined) byPath.set(path, (file = goJoinPath(mountPath, path)));
  return file;
}

export function resolvePodCredentials(request: CredentialRequest): PodCredentials | undefined {
  const { settings } = request;
  const sa = readServiceAccountSettings(request.serviceAccountAnnotations, settings);
  const podExpiration = readPodTokenExpiration(request.podAnnotations, settings);
  let expiration = podExpiration ?? sa.tokenExpiration;
  let mode: CredentialMode;
  let token: Omit<ProjectedToken, 'file' | 'expirationSeconds'>;
  if (request.podIdentityAssociation) {
    mode = 'pod-identity';
    const cc = settings.containerCredentials;
    token = { volumeName: cc.volumeName, mountPath: cc.mountPath, path: cc.tokenPath, audience: cc.audience };
    if (expiration === DEFAULT_TOKEN_EXPIRATION) {
      expiration = JITTER_MIN_EXPIRATION + request.randomInt(DEFAULT_TOKEN_EXPIRATION - JITTER_MIN_EXPIRATION);
    }
  } else if (sa.roleArn !== '') {
    mode = 'irsa';
    token = { volumeName: IRSA_VOLUME_NAME, mountPath: settings.tokenMountPath, path: IRSA_TOKEN_PATH, audience: sa.audience };
  } else {
    return undefined;
  }
  const file = tokenFile(token.mountPath, token.path);
  const envFile = request.windows === true ? `C:${file.replaceAll('/', '\\')}` : file;
  const stsEnv = sa.regionalSts ? [{ name: ENV.stsRegionalEndpoints, value: 'regional' }] : [];
  const regionEnv = settings.region === ''
    ? []
    : [{ name: ENV.defaultRegion, value: settings.region }, { name: ENV.region, value: settings.region }];
  const credentialEnv = mode === 'irsa'
    ? [{ name: ENV.roleArn, value: sa.roleArn }, { name: ENV.webIdentityTokenFile, value: envFile }]
    : [
        { name: ENV.fullUri, value: settings.containerCredentials.fullUri },
        { name: ENV.authorizationTokenFile, value: envFile },
      ];
  return {
    mode,
    // Spelt out: `{ ...token, file, expirationSeconds }` took V8's slow clone path, a microsecond
    // a pod (more than the rest of this function).
    token: { volumeName: token.volumeName, mountPath: token.mountPath, path: token.path, audience: token.audience, file, expirationSeconds: expiration },
    stsEnv,
    regionEnv,
    credentialEnv,
    env: [...stsEnv, ...regionEnv, ...credentialEnv],
  };
}
