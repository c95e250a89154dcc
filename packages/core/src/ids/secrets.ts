import type { Random } from '../deps.js';

/** 40 characters of base64 (A-Z a-z 0-9 + /), the shape of every AWS secret access key. */
export function newSecretAccessKey(random: Random): string {
  return random.bytes(30).toString('base64');
}

/*
 * Real STS session tokens are base64 of an undocumented binary blob that starts with the
 * bytes "!\n\torigin_ec" (hence the familiar 'IQoJb3JpZ2luX2Vj' prefix) and run to several
 * hundred characters. This one copies that shape only and seals nothing: what a dry run
 * (eksid explain) hands out. Issued sessions' tokens are sealed (store/sessions.ts).
 */
const TOKEN_HEADER = Buffer.from('!\n\torigin_ec', 'latin1'); // 12 bytes: base64 stays aligned
const TOKEN_RANDOM_BYTES = 312;

/** An opaque session token (432 base64 characters starting 'IQoJb3JpZ2luX2Vj'). */
export function newSessionToken(random: Random): string {
  return Buffer.concat([TOKEN_HEADER, random.bytes(TOKEN_RANDOM_BYTES)]).toString('base64');
}
