import { describe, expect, it } from 'vitest';
import { systemRandom } from '../deps.js';
import { newSecretAccessKey, newSessionToken } from './secrets.js';

describe('newSecretAccessKey', () => {
  it('should be 40 base64 characters', () => {
    expect(newSecretAccessKey(systemRandom)).toMatch(/^[A-Za-z0-9+/]{40}$/);
  });

  it('should differ between calls', () => {
    expect(newSecretAccessKey(systemRandom)).not.toBe(newSecretAccessKey(systemRandom));
  });
});

describe('newSessionToken', () => {
  it('should look like a real STS token: IQoJb3JpZ2luX2Vj and hundreds of base64 characters', () => {
    const token = newSessionToken(systemRandom);
    expect(token).toMatch(/^IQoJb3JpZ2luX2Vj[A-Za-z0-9+/]+$/);
    expect(token).toHaveLength(432);
  });

  it('should differ between calls', () => {
    expect(newSessionToken(systemRandom)).not.toBe(newSessionToken(systemRandom));
  });
});
