import type { Clock } from '../clock.js';

/**
 * Test support: service-account-token-shaped JWTs. The agent never checks signatures, so
 * the signature part is a placeholder.
 */
export function fakeToken(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', kid: 'k1' }): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc(header)}.${enc({ aud: ['pods.eks.amazonaws.com'], sub: 'system:serviceaccount:default:app', ...claims })}.c2ln`;
}

/** A clock the test moves by hand; `every` callbacks run only when the test says so. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

export function manualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let t = start;
  return {
    now: () => t,
    random: () => 0.5,
    every: () => () => {},
    advance: (ms) => void (t += ms),
    set: (ms) => void (t = ms),
  };
}
