// How a ServiceAccount's annotations turn into IRSA settings, mirroring upstream's production
// cache (pkg/cache/cache.go): absent or unparsable values fall back to the webhook flags.
import { MIN_TOKEN_EXPIRATION } from './constants.js';
import { parseGoBool, parseGoInt } from './go-compat.js';
import type { MutationSettings } from './types.js';

export type Annotations = Readonly<Record<string, string>>;

export interface ServiceAccountSettings {
  /** "" when the service account has no role (no IRSA). */
  roleArn: string;
  audience: string;
  regionalSts: boolean;
  tokenExpiration: number;
}

/** The annotations the webhook reads, under one --annotation-prefix. */
export interface AnnotationKeys {
  roleArn: string;
  audience: string;
  stsRegionalEndpoints: string;
  tokenExpiration: string;
  skipContainers: string;
}

const keysByPrefix = new Map<string, AnnotationKeys>();

/** Built once per prefix (there is one per webhook), not once per pod: admission runs hot. */
export function annotationKeys(prefix: string): AnnotationKeys {
  let keys = keysByPrefix.get(prefix);
  if (keys === undefined) {
    keys = {
      roleArn: `${prefix}/role-arn`,
      audience: `${prefix}/audience`,
      stsRegionalEndpoints: `${prefix}/sts-regional-endpoints`,
      tokenExpiration: `${prefix}/token-expiration`,
      skipContainers: `${prefix}/skip-containers`,
    };
    keysByPrefix.set(prefix, keys);
  }
  return keys;
}

export function readServiceAccountSettings(
  annotations: Annotations | undefined,
  settings: MutationSettings,
): ServiceAccountSettings {
  const keys = annotationKeys(settings.annotationPrefix);
  const expiration = parseGoInt(annotations?.[keys.tokenExpiration]);
  return {
    roleArn: annotations?.[keys.roleArn] ?? '',
    // A present-but-empty audience stays empty (the projected token then omits audience).
    audience: annotations?.[keys.audience] ?? settings.tokenAudience,
    regionalSts: parseGoBool(annotations?.[keys.stsRegionalEndpoints]) ?? settings.stsRegionalEndpoint,
    tokenExpiration:
      expiration === undefined ? settings.tokenExpiration : Math.max(expiration, MIN_TOKEN_EXPIRATION),
  };
}

/** Pod annotation token-expiration: ignored unless it parses, raised to the minimum. */
export function readPodTokenExpiration(
  annotations: Annotations | undefined,
  settings: MutationSettings,
): number | undefined {
  const expiration = parseGoInt(annotations?.[annotationKeys(settings.annotationPrefix).tokenExpiration]);
  return expiration === undefined ? undefined : Math.max(expiration, MIN_TOKEN_EXPIRATION);
}
