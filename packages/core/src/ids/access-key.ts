import type { Random } from '../deps.js';
import { BASE32_ALPHABET, randomBase32 } from './base32.js';

/*
 * Access key ids carry their account, so `aws sts get-access-key-info` style decoding works.
 * Layout of a 20-char id, as moto (moto/core/utils.py generate_access_key_id_from_account_id)
 * and LocalStack (localstack/utils/aws/accounts.py extract_account_id_from_access_key_id)
 * reproduce it, matching Aidan Steele's and Tal Beery's decoding of real AWS keys
 * (https://awsteele.com/blog/2020/09/26/aws-access-key-format.html):
 *   [0,4)   prefix: ASIA temporary, AKIA long-lived, AROA role, ...
 *   [4,12)  base32 of the 40-bit number floor(account / 2) + 2^39; the 2^39 bit marks the
 *           "new generation" ids that carry an account (keys like AKIAIOSFODNN7EXAMPLE don't)
 *   [12]    the account's low bit: a character from the upper half of the alphabet when odd
 *   [13,)   random
 */
const ACCOUNT_OFFSET = 2 ** 39; // int.from_bytes(base32decode("QAAAAAAA")) in moto/LocalStack
const ACCOUNT_PART_CHARS = 8;
const ACCESS_KEY_LENGTH = 20;

/** A 20-character access key id (default prefix ASIA: temporary credentials) for `accountId`. */
export function newAccessKeyId(accountId: string, random: Random, prefix = 'ASIA'): string {
  return encodeAccountId(accountId, random, prefix, ACCESS_KEY_LENGTH);
}

/**
 * `prefix` + the account encoded as above + random base32 up to `length`; shared with the
 * unique ids (AROA...) which AWS builds the same way (moto's random_role_id, length 21).
 */
export function encodeAccountId(accountId: string, random: Random, prefix: string, length: number): string {
  if (!/^\d{12}$/.test(accountId)) throw new TypeError(`account id must be 12 digits, got '${accountId}'`);
  if (!/^[A-Z]{4}$/.test(prefix)) throw new TypeError(`id prefix must be 4 upper-case letters, got '${prefix}'`);
  const account = Number(accountId);
  let packed = Math.floor(account / 2) + ACCOUNT_OFFSET;
  let accountPart = '';
  for (let i = 0; i < ACCOUNT_PART_CHARS; i++) {
    accountPart = BASE32_ALPHABET[packed % 32] + accountPart;
    packed = Math.floor(packed / 32);
  }
  const [byte = 0] = random.bytes(1);
  const parityChar = BASE32_ALPHABET[(byte & 15) + (account % 2) * 16];
  const head = prefix + accountPart + parityChar;
  return head + randomBase32(random, length - head.length);
}

/**
 * The account a new-generation key or unique id belongs to, or undefined when the id is not
 * base32 or predates account encoding (first char after the prefix below 'Q').
 */
export function accountIdFromAccessKeyId(keyId: string): string | undefined {
  if (!/^[A-Z]{4}[A-Z2-7]{12,}$/.test(keyId)) return undefined;
  let packed = 0;
  for (const char of keyId.slice(4, 4 + ACCOUNT_PART_CHARS)) packed = packed * 32 + BASE32_ALPHABET.indexOf(char);
  if (packed < ACCOUNT_OFFSET) return undefined;
  const odd = BASE32_ALPHABET.indexOf(keyId.charAt(4 + ACCOUNT_PART_CHARS)) >= 16 ? 1 : 0;
  const account = (packed - ACCOUNT_OFFSET) * 2 + odd;
  return account > 999_999_999_999 ? undefined : String(account).padStart(12, '0');
}
