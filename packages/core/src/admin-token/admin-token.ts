import { createHash, timingSafeEqual } from 'node:crypto';
import type { Random } from '../deps.js';

/**
 * The header eksid's own API (`/_eksid/*`) reads the admin token from. Not Authorization:
 * AWS calls carry their SigV4 signature there, and the two must never be confused.
 */
export const ADMIN_TOKEN_HEADER = 'X-Eksid-Admin-Token';
/** Where `eksid up` and every client take the token from when no flag gives it. */
export const ADMIN_TOKEN_VARIABLE = 'EKSID_ADMIN_TOKEN';
/** Its name among the secrets an instance keeps with its data (store/instance-secrets.ts). */
export const ADMIN_TOKEN_SECRET = 'admin-token';

/** 32 random bytes, base64url: 256 bits, safe in a header, a URL and a shell variable. */
export function newAdminToken(random: Random): string {
  return random.bytes(32).toString('base64url');
}

/**
 * Whether `given` is the admin token, in time that does not depend on where they differ:
 * both are hashed first, so even their lengths are compared in constant time.
 */
export function adminTokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}
