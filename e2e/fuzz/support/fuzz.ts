import fc from 'fast-check';
import type { Parameters } from 'fast-check';
import { METHODS } from 'node:http';

/**
 * The fuzz tier's run settings. One seed per run, drawn fresh unless EKSID_FUZZ_SEED gives it,
 * so every CI run explores new inputs; fast-check prints the seed and the shrunk counterexample
 * when a property fails, and `EKSID_FUZZ_SEED=<seed> pnpm vitest run <file>` replays it.
 * Cases per property stay small: the whole tier runs in CI on two cores.
 */
export const FUZZ_SEED = seedFromEnv(process.env['EKSID_FUZZ_SEED']);
// Printed up front too: a run cut short by vitest's timeout never reaches fast-check's report.
console.info(`fuzz seed ${FUZZ_SEED} (replay: EKSID_FUZZ_SEED=${FUZZ_SEED})`);

function seedFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return (Math.random() * 0x7fffffff) | 0;
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new TypeError(`EKSID_FUZZ_SEED must be an integer, got '${value}'`);
  return seed;
}

/**
 * Each property's vitest timeout: room for a loaded two-core CI machine. A server that stops
 * answering fails sooner, on the request's own deadline (raw-http.ts), with the input.
 */
export const FUZZ_TIMEOUT_MS = 60_000;

/** fc.assert's parameters: the run's seed, `numRuns` cases, and the seed in every failure report. */
export function fuzzRuns<T>(numRuns: number): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns, includeErrorInReport: true };
}

/** Printable ASCII without the characters a header value cannot hold. */
export const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 64 });

/** A header name: an RFC 9110 token. */
export const headerName = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,24}$/);

/**
 * Random extra headers. Framing headers (and Host, fuzzed on its own) are left to the client
 * library: a random one only breaks the request line before the server reads it.
 */
export const extraHeaders = fc.dictionary(headerName, headerValue, { maxKeys: 4 }).map((h) => {
  for (const key of Object.keys(h)) if (/^(content-length|transfer-encoding|host|connection|expect|upgrade|content-encoding)$/i.test(key)) delete h[key];
  return h;
});

/**
 * A request method node's HTTP parser lets through to eksid (it refuses any other token with
 * its own 400 and closes the connection). CONNECT is left out: no listener of eksid takes
 * tunnels, so node drops the socket, which is its business, not a route's.
 */
export const method = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS') },
  { weight: 1, arbitrary: fc.constantFrom(...METHODS.filter((m) => m !== 'CONNECT')) },
);

/**
 * A path segment: plain text, percent-encoded bytes (valid or not), dot segments and the
 * characters routers split on.
 */
export const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~-]{0,20}$/),
  fc.constantFrom('..', '.', '%2e%2e', '%2F', '%00', '%', '%zz', '%C0%AF', ';', ':', '@', '*', '~', '$', '%E2%82', 'demo', '00000000000000000000000000000000'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);

/** A query string, with odd keys, repeats and broken encodings. */
export const queryString = fc.array(fc.tuple(fc.oneof(segment, fc.constantFrom('Action', 'Version', 'after', 'limit', 'cluster', 'X-Amz-Credential')), segment), { maxLength: 5 })
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));

/** JSON text nested `depth` levels deep, as objects or arrays. */
export function nestedJson(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object' ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/**
 * Any JSON value, sometimes hostile: deep nesting, numbers past every range, huge strings,
 * prototype keys.
 */
export const hostileJson: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.json({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom('object' as const, 'array' as const)).map(([d, k]) => nestedJson(d, k)) },
  { weight: 1, arbitrary: fc.constantFrom('1e400', '-1e400', '9007199254740993', '-0', '1e-400', '"\\ud800"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', 'null', '[]', '""') },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 200_000 }).map((n) => JSON.stringify('x'.repeat(n))) },
);
