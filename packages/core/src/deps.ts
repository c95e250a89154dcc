import { randomUUID } from 'node:crypto';
import { RandomPool } from './random-pool.js';

/**
 * What varies between runs and tests: time and randomness. Core code takes these through
 * `Deps` and never calls Date.now() or Math.random() itself, so tests can freeze both.
 */
export interface Clock {
  now(): Date;
}

export interface Random {
  /** `n` cryptographically random bytes. */
  bytes(n: number): Buffer;
  uuid(): string;
}

export interface Deps {
  clock: Clock;
  random: Random;
}

export const systemClock: Clock = { now: () => new Date() };

const pool = new RandomPool();

/** Crypto-random bytes from a pool (random-pool.ts); randomUUID pools on its own. */
export const systemRandom: Random = {
  bytes: (n) => pool.bytes(n),
  uuid: () => randomUUID(),
};

export const systemDeps: Deps = { clock: systemClock, random: systemRandom };

/** A clock that stands still until moved; for tests. */
export class FixedClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}
