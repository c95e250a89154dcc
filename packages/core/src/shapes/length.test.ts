import { describe, expect, it } from 'vitest';
import { codePointLength, lengthWithin } from './length.js';

describe('codePointLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 1],
    ['😀', 1],
    ['a😀b😀', 4],
    ['\uD83D', 1],
    ['\uDE00\uD83D', 2],
    ['x\uD83Dy', 3],
  ])('counts %j as [...value] does: %i', (value, expected) => {
    expect(codePointLength(value)).toBe(expected);
    expect(codePointLength(value)).toBe([...value].length);
  });
});

describe('lengthWithin', () => {
  it.each([
    ['128 emoji (256 UTF-16 units) against a maximum of 128', '😀'.repeat(128), undefined, 128, 128],
    ['one emoji against a minimum of 2', '😀', 2, undefined, 1],
    ['plain text far from both bounds, by its units', 'abcd', 1, 64, 4],
  ])('counts %s', (_name, value, min, max, expected) => {
    expect(lengthWithin(value, min, max)).toBe(expected);
  });
});
