import { describe, expect, it } from 'vitest';
import { javaPattern } from './java-pattern.js';
import { iamShapes, stsShapes } from './models/index.js';
import { eksShapes } from './models/eks.js';
import { eksAuthShapes } from './models/eks-auth.js';

describe('javaPattern', () => {
  it('matches the whole value, every alternative included, and compiles each pattern once', () => {
    const path = javaPattern('(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)');
    expect([path.test('/'), path.test('/a/'), path.test('a/'), path.test('/a')]).toEqual([true, true, false, false]);
    expect(javaPattern('(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)')).toBe(path);
  });

  it('reads \\u10000-\\u10FFFF as the astral code points the models mean', () => {
    const arn = javaPattern(stsShapes.shapes['arnType']?.pattern ?? '');
    expect(arn.test('arn:aws:iam::000000000000:role/𐐀')).toBe(true);
    expect(arn.test('arn:\u0001')).toBe(false);
  });

  it('accepts Java escapes JavaScript refuses with the u flag', () => {
    expect(javaPattern('[\\w+=,.@\\:-]*').test('a:b')).toBe(true);
  });

  it.each([iamShapes, stsShapes, eksShapes, eksAuthShapes].map((m) => [m.service, m] as const))('compiles every pattern of the %s model', (_service, model) => {
    const patterns = Object.values(model.shapes).flatMap((s) => (s.pattern === undefined ? [] : [s.pattern]));
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) expect(() => javaPattern(pattern), pattern).not.toThrow();
  });
});
