import { describe, expect, it } from 'vitest';
import { systemRandom } from '../deps.js';
import { accountIdFromAccessKeyId } from './access-key.js';
import { newPolicyId, newRoleId, newUserId } from './unique-id.js';

describe.each([
  ['newRoleId', newRoleId, 'AROA'],
  ['newPolicyId', newPolicyId, 'ANPA'],
  ['newUserId', newUserId, 'AIDA'],
] as const)('%s', (_name, make, prefix) => {
  it(`should be ${prefix} and 17 base32 characters`, () => {
    expect(make(systemRandom)).toMatch(new RegExp(`^${prefix}[A-Z2-7]{17}$`));
  });

  it('should differ between calls', () => {
    expect(make(systemRandom)).not.toBe(make(systemRandom));
  });

  it('should carry the account when given one, like moto random_role_id', () => {
    const id = make(systemRandom, '123456789013');
    expect(id).toMatch(new RegExp(`^${prefix}[A-Z2-7]{17}$`));
    expect(accountIdFromAccessKeyId(id)).toBe('123456789013');
  });
});
