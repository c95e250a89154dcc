import { describe, expect, it } from 'vitest';
import { RandomPool } from './random-pool.js';

/** A fill that counts its calls and numbers its bytes, so overlaps and reuse show. */
function countingFill() {
  const calls: number[] = [];
  let next = 0;
  const fill = (n: number): Buffer => {
    calls.push(n);
    return Buffer.from(Array.from({ length: n }, () => next++ % 256));
  };
  return { calls, fill };
}

describe('RandomPool', () => {
  it('should serve many small draws from one fill, never the same byte twice', () => {
    const { calls, fill } = countingFill();
    const pool = new RandomPool(64, fill);
    const draws = [pool.bytes(4), pool.bytes(8), pool.bytes(4)];
    expect(calls).toEqual([64]);
    expect(Buffer.concat(draws)).toEqual(Buffer.from(Array.from({ length: 16 }, (_, i) => i)));
  });

  it('should take a fresh pool when the draw does not fit, leaving bytes already handed out unchanged', () => {
    const { calls, fill } = countingFill();
    const pool = new RandomPool(16, fill);
    const first = pool.bytes(4);
    const kept = Buffer.from(first);
    pool.bytes(4);
    pool.bytes(4);
    const fourth = pool.bytes(4);
    const fifth = pool.bytes(4);
    expect(calls).toEqual([16, 16]);
    expect(first).toEqual(kept);
    expect([fourth[0], fifth[0]]).toEqual([12, 16]);
  });

  it('should fetch a draw over a quarter of the pool on its own', () => {
    const { calls, fill } = countingFill();
    const pool = new RandomPool(64, fill);
    expect(pool.bytes(17)).toHaveLength(17);
    expect(calls).toEqual([17]);
  });

  it('should draw crypto-random bytes by default', () => {
    const pool = new RandomPool();
    const [a, b] = [pool.bytes(16), pool.bytes(16)];
    expect([a.length, b.length]).toEqual([16, 16]);
    expect(a.equals(b)).toBe(false);
  });
});
