import { describe, expect, it } from 'vitest';
import { systemRandom } from '../deps.js';
import { newOidcId } from './oidc-id.js';

describe('newOidcId', () => {
  it('should be 32 upper-case hex characters', () => {
    expect(newOidcId(systemRandom)).toMatch(/^[0-9A-F]{32}$/);
  });

  it('should differ between calls', () => {
    expect(newOidcId(systemRandom)).not.toBe(newOidcId(systemRandom));
  });
});
