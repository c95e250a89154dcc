import type { Random } from '../deps.js';
import { encodeAccountId } from './access-key.js';
import { randomBase32 } from './base32.js';

/*
 * IAM unique ids: a 4-letter type prefix + 17 base32 characters (21 in all), e.g.
 * AROA3XFRBF535PLBIFPI4. Prefixes from
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids.
 * Given an account, the id carries it like an access key id does (moto's random_role_id);
 * without one it is plain random, which is all most callers need.
 */
const UNIQUE_ID_LENGTH = 21;

function uniqueId(prefix: string, random: Random, accountId: string | undefined): string {
  return accountId === undefined
    ? prefix + randomBase32(random, UNIQUE_ID_LENGTH - prefix.length)
    : encodeAccountId(accountId, random, prefix, UNIQUE_ID_LENGTH);
}

/** RoleId of a role (AROA...). */
export function newRoleId(random: Random, accountId?: string): string {
  return uniqueId('AROA', random, accountId);
}

/** PolicyId of a managed policy (ANPA...). */
export function newPolicyId(random: Random, accountId?: string): string {
  return uniqueId('ANPA', random, accountId);
}

/** UserId of an IAM user (AIDA...). */
export function newUserId(random: Random, accountId?: string): string {
  return uniqueId('AIDA', random, accountId);
}

/** InstanceProfileId of an instance profile (AIPA...). */
export function newInstanceProfileId(random: Random, accountId?: string): string {
  return uniqueId('AIPA', random, accountId);
}
