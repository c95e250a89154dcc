import { describe, expect, it } from 'vitest';
import { adminTokenMatches, newAdminToken } from './admin-token.js';

describe('newAdminToken', () => {
  it('should make 32 random bytes, base64url', () => {
    const token = newAdminToken({ bytes: (n) => Buffer.alloc(n, 0xfb), uuid: () => '' });
    expect(token).toBe(Buffer.alloc(32, 0xfb).toString('base64url'));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('adminTokenMatches', () => {
  it.each([
    ['the same token', 'secret', true],
    ['another token of the same length', 'secreT', false],
    ['a prefix', 'secre', false],
    ['a longer one', 'secrets', false],
    ['an empty one', '', false],
    ['none', undefined, false],
  ])('should tell %s', (_name, given, expected) => {
    expect(adminTokenMatches('secret', given)).toBe(expected);
  });
});
