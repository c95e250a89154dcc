import { join } from 'node:path';
import { DEFAULT_MUTATION_SETTINGS } from '@eksid/webhook';
import type { MutationSettings, PodCredentials } from '@eksid/webhook';

/**
 * Inherited variables that name a credential source. A pod has none of the developer's:
 * each would outrank or confuse the pod's own (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI beats
 * FULL_URI in both SDKs; the JS SDK prefers AWS_CONTAINER_AUTHORIZATION_TOKEN to its file).
 */
const STRIPPED_ENV: readonly string[] = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
];

const DEFAULT_REGION = 'us-east-1';

/**
 * The webhook's settings with both token mount paths inside `dir`, so the files
 * resolvePodCredentials names are ones `exec` can write. Everything else stays upstream's
 * default: the env differs from a pod's only in file paths (and the agent URL).
 */
export function execMutationSettings(dir: string): MutationSettings {
  const defaults = DEFAULT_MUTATION_SETTINGS;
  return {
    ...defaults,
    tokenMountPath: join(dir, 'eks.amazonaws.com', 'serviceaccount'),
    containerCredentials: { ...defaults.containerCredentials, mountPath: join(dir, 'pods.eks.amazonaws.com', 'serviceaccount') },
  };
}

/** The region CMD (and the agent) use: the inherited one, else eksid's default. */
export function regionOf(env: Readonly<Record<string, string | undefined>>): string {
  return env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || DEFAULT_REGION;
}

export interface PodEnvironmentInput {
  /** The environment `eksid exec` was started with. */
  parent: Readonly<Record<string, string | undefined>>;
  /** What the webhook would inject; undefined when the account has no AWS identity. */
  credentials: PodCredentials | undefined;
  /** The eksid server, which every AWS SDK in CMD must reach. */
  endpoint: string;
  /** The in-process agent's credentials URL (Pod Identity only). */
  agentUrl?: string;
  /** Where AWS config files would be; a pod has none, so these paths do not exist. */
  dir: string;
}

/**
 * CMD's environment: the parent's minus its credential sources, plus what the webhook injects
 * in its order (never overriding a variable that is already set, as the webhook never
 * overrides a container's own), then the endpoint and, if unset, the region. AWS config files
 * point into the temp dir: the JS SDK reads the default profile before the web-identity
 * file, so a developer's ~/.aws/credentials would otherwise win over the pod's identity.
 */
export function podEnvironment(input: PodEnvironmentInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.parent)) {
    if (value !== undefined && !STRIPPED_ENV.includes(name)) env[name] = value;
  }
  for (const { name, value } of input.credentials?.env ?? []) {
    const actual = name === 'AWS_CONTAINER_CREDENTIALS_FULL_URI' && input.agentUrl !== undefined ? input.agentUrl : value;
    if (env[name] === undefined && actual !== undefined) env[name] = actual;
  }
  env['AWS_ENDPOINT_URL'] = input.endpoint;
  env['AWS_ENDPOINT_URL_STS'] = input.endpoint;
  const region = regionOf(env);
  env['AWS_REGION'] ||= region;
  env['AWS_DEFAULT_REGION'] ||= region;
  env['AWS_CONFIG_FILE'] = join(input.dir, 'aws-config');
  env['AWS_SHARED_CREDENTIALS_FILE'] = join(input.dir, 'aws-credentials');
  // This machine's IMDS (if any) is not the pod's node: fail fast instead of using it.
  env['AWS_EC2_METADATA_DISABLED'] ||= 'true';
  return env;
}
