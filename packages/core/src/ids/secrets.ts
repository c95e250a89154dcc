import type { Random } from '../deps.js';

/** 40 characters of base64 (A-Z a-z 0-9 + /), the shape of every AWS secret access key. */
export function newSecretAccessKey(random: Random): string {
  return random.bytes(30).toString('base64');
}

/*
 * Real STS session tokens are base64 of an undocumented binary blob that starts with the
 * bytes "!\n\torigin_ec" (hence the familiar 'IQoJb3JpZ2luX2Vj' prefix) and run to several
 * hundred characters. Ours copies that shape only: the token is OPAQUE, carries no data, and
 * is checked by exact lookup against the session store, never parsed.
 */
const TOKEN_HEADER = Buffer.from('!\n\torigin_ec', 'latin1'); // 12 bytes: base64 stays aligned
const TOKEN_RANDOM_BYTES = 312;

/** An opaque session token (432 base64 characters starting 'IQoJb3JpZ2luX2Vj'). */
export function newSessionToken(random: Random): string {
  return Buffer.concat([TOKEN_HEADER, random.bytes(TOKEN_RANDOM_BYTES)]).toString('base64');
}
