import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { systemRandom } from '../deps.js';
import type { Random } from '../deps.js';
import { accountIdFromAccessKeyId, newAccessKeyId } from './access-key.js';

const fill = (byte: number): Random => ({ bytes: (n) => Buffer.alloc(n, byte), uuid: () => '' });

describe('newAccessKeyId', () => {
  it('should build 20 base32 characters behind the ASIA prefix by default', () => {
    expect(newAccessKeyId('123456789012', systemRandom)).toMatch(/^ASIA[A-Z2-7]{16}$/);
  });

  it('should take another prefix', () => {
    expect(newAccessKeyId('123456789012', systemRandom, 'AKIA')).toMatch(/^AKIA[A-Z2-7]{16}$/);
  });

  it('should encode account 000000000000 as moto and LocalStack do (ASIAQAAAAAAA...)', () => {
    expect(newAccessKeyId('000000000000', fill(0))).toBe('ASIAQAAAAAAAAAAAAAAA');
  });

  it('should encode the account the way real AWS keys do', () => {
    // AKIARZPUZDIKGB2VALC4 → 123456789012 is LocalStack's docstring example.
    expect(newAccessKeyId('123456789012', fill(0), 'AKIA').slice(0, 12)).toBe('AKIARZPUZDIK');
    // ASIAY34FZKBOKMUTVV7A → 609629065308 is Aidan Steele's real key.
    expect(newAccessKeyId('609629065308', fill(0)).slice(0, 12)).toBe('ASIAY34FZKBO');
  });

  it.each(['12345678901', '1234567890123', 'abcdefghijkl', ''])('should reject account id %j as a caller bug', (account) => {
    expect(() => newAccessKeyId(account, systemRandom)).toThrow(TypeError);
  });

  it.each(['ASI', 'asia', 'AS1A'])('should reject prefix %j as a caller bug', (prefix) => {
    expect(() => newAccessKeyId('123456789012', systemRandom, prefix)).toThrow(TypeError);
  });
});

describe('accountIdFromAccessKeyId', () => {
  it.each([
    ['ASIAQAAAAAAAGMKEM7X5', '000000000000'], // LocalStack docstring
    ['AKIARZPUZDIKGB2VALC4', '123456789012'], // LocalStack docstring
    ['ASIAY34FZKBOKMUTVV7A', '609629065308'], // awsteele.com (real key)
    ['AKIAV7S32T2OSBFJQOIY', '411435703965'], // praetorian-inc/nebula test (real key)
  ])('should decode %s to %s', (key, account) => {
    expect(accountIdFromAccessKeyId(key)).toBe(account);
  });

  it.each([
    ['000000000000'], ['000000000001'], ['123456789012'], ['123456789013'], ['999999999998'], ['999999999999'],
    ['111111111111'], ['549755813887'], ['549755813888'], ['012345678901'],
  ])('should round-trip account %s', (account) => {
    for (let i = 0; i < 20; i++) expect(accountIdFromAccessKeyId(newAccessKeyId(account, systemRandom))).toBe(account);
  });

  it('should round-trip any account, odd or even', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), fc.uint8Array({ minLength: 8, maxLength: 8 }), (n, bytes) => {
        const account = String(n).padStart(12, '0');
        const random = { bytes: (k: number) => Buffer.from(bytes.subarray(0, k)), uuid: () => '' };
        return accountIdFromAccessKeyId(newAccessKeyId(account, random)) === account;
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['AKIAIOSFODNN7EXAMPLE', 'an old-generation key without an account'],
    ['ASIA1234', 'a short id'],
    ['ASIAQAAAAAAA0MKEM7X5', 'a character outside base32'],
    ['asiaqaaaaaaagmkem7x5', 'lower case'],
    ['ASIA777777777MKEM7X5', 'an account beyond 12 digits'],
  ])('should return undefined for %s (%s)', (key) => {
    expect(accountIdFromAccessKeyId(key)).toBeUndefined();
  });
});
