import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from './json-depth.js';

const nested = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;

/** The depth JSON.parse's value has, by walking it (the oracle). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('jsonNestsDeeperThan', () => {
  it('should count objects and arrays alike, up to the limit inclusive', () => {
    expect(jsonNestsDeeperThan(nested(5), 10)).toBe(false);
    expect(jsonNestsDeeperThan(nested(5), 9)).toBe(true);
    expect(jsonNestsDeeperThan('[]', 1)).toBe(false);
    expect(jsonNestsDeeperThan('[[]]', 1)).toBe(true);
  });

  it('should skip brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ a: '[[[[{{{{"\\"[[[[' }), 1)).toBe(false);
  });

  it('should take 100,000 levels without overflowing the stack', () => {
    expect(jsonNestsDeeperThan(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 500)).toBe(true);
  });

  it('should agree with the depth of the parsed value', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 6 }), fc.integer({ min: 0, max: 8 }), (text, max) => {
      expect(jsonNestsDeeperThan(text, max)).toBe(depthOf(JSON.parse(text)) > max);
    }));
  });
});
