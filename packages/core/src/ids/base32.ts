import type { Random } from '../deps.js';

/**
 * The alphabet of AWS key and unique ids: RFC 4648 base32, i.e. A-Z and 2-7 (0, 1, 8 and 9
 * never appear). Source: https://awsteele.com/blog/2020/09/26/aws-access-key-format.html
 */
export const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `length` random base32 characters; 256 is a multiple of 32, so `byte & 31` is unbiased. */
export function randomBase32(random: Random, length: number): string {
  let out = '';
  for (const byte of random.bytes(length)) out += BASE32_ALPHABET[byte & 31];
  return out;
}
