/** What a token claims, read WITHOUT verifying it. */
export interface UnverifiedClaims {
  sub: string | undefined;
  iss: string | undefined;
  audiences: string[];
}

const NONE: UnverifiedClaims = { sub: undefined, iss: undefined, audiences: [] };

/**
 * The payload's sub, iss and aud as the token states them, never trusted: only for recording
 * what a refused token claimed and for choosing which real check judges a token (explain).
 * Garbage gives empty claims, never an exception.
 */
export function unverifiedClaims(token: string): UnverifiedClaims {
  const payload = token.split('.')[1];
  if (payload === undefined) return NONE;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return NONE;
    const { sub, iss, aud } = claims as { sub?: unknown; iss?: unknown; aud?: unknown };
    const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
    return { sub: typeof sub === 'string' ? sub : undefined, iss: typeof iss === 'string' ? iss : undefined, audiences };
  } catch {
    return NONE;
  }
}
