import { describe, expect, it } from 'vitest';
import { jsonScalar, shown, typeName } from './json-value.js';

describe('shown', () => {
  it.each([
    [['a', 'b'], '[a, b]'],
    [{ k: 'v', n: 1 }, '{k=v, n=1}'],
    [{ l: [1, { x: true }] }, '{l=[1, {x=true}]}'],
    [7, 7],
    [false, false],
    ['s', 's'],
  ])('prints %j as %j', (value, expected) => {
    expect(shown(value)).toBe(expected);
  });
});

describe('jsonScalar', () => {
  it.each([
    ['boolean', true, true],
    ['boolean', 'true', undefined],
    ['integer', 3, 3],
    ['integer', 3.5, undefined],
    ['double', 3.5, 3.5],
    ['string', 's', 's'],
    ['string', 1, undefined],
    ['timestamp', 1700000000, 1700000000],
  ])('reads a %s from %j as %j', (type, raw, expected) => {
    expect(jsonScalar({ type }, raw)).toBe(expected);
  });
});

describe('typeName', () => {
  it('names the types and falls back for others', () => {
    expect([typeName('structure'), typeName('long'), typeName('document')]).toEqual(['an object', 'a number', 'a value']);
  });
});
