import type { Random } from '../deps.js';

/**
 * A lower-case UUID v4 (RFC 9562 §5.4), the form of AWS's x-amzn-RequestId. Built from bytes
 * rather than `random.uuid()` so the v4 version and variant bits hold whatever Random is given.
 */
export function newRequestId(random: Random): string {
  const b = Buffer.from(random.bytes(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
