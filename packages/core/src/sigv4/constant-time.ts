import { timingSafeEqual } from 'node:crypto';

/** String equality that does not leak, through timing, how much of a secret matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
