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

export function readServiceAccountSettings(
  annotations: Annotations | undefined,
  settings: MutationSettings,
): ServiceAccountSettings {
  const get = (key: string): string | undefined => annotations?.[`${settings.annotationPrefix}/${key}`];
  const expiration = parseGoInt(get('token-expiration'));
  return {
    roleArn: get('role-arn') ?? '',
    // A present-but-empty audience stays empty (the projected token then omits audience).
    audience: get('audience') ?? settings.tokenAudience,
    regionalSts: parseGoBool(get('sts-regional-endpoints')) ?? settings.stsRegionalEndpoint,
    tokenExpiration:
      expiration === undefined ? settings.tokenExpiration : Math.max(expiration, MIN_TOKEN_EXPIRATION),
  };
}

/** Pod annotation token-expiration: ignored unless it parses, raised to the minimum. */
export function readPodTokenExpiration(
  annotations: Annotations | undefined,
  settings: MutationSettings,
): number | undefined {
  const expiration = parseGoInt(annotations?.[`${settings.annotationPrefix}/token-expiration`]);
  return expiration === undefined ? undefined : Math.max(expiration, MIN_TOKEN_EXPIRATION);
}
