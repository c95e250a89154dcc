import { describe, expect, it } from 'vitest';
import { systemRandom } from '../deps.js';
import type { Random } from '../deps.js';
import { newRequestId } from './request-id.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newRequestId', () => {
  it('should be a lower-case UUID v4', () => {
    expect(newRequestId(systemRandom)).toMatch(UUID_V4);
  });

  it.each([0x00, 0xff])('should set the version and variant bits whatever the bytes (0x%s)', (byte) => {
    const random: Random = { bytes: (n) => Buffer.alloc(n, byte), uuid: () => 'not-a-uuid' };
    expect(newRequestId(random)).toMatch(UUID_V4);
  });
});
