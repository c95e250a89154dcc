import { describe, expect, it } from 'vitest';
import { itemConstraints, rangeFailures, stringFailures } from './constraints.js';

describe('stringFailures', () => {
  it.each([
    ['app', { min: 1, max: 64, pattern: '[\\w+=,.@-]+' }, []],
    ['', { min: 1, pattern: '[\\w+=,.@-]+' }, ['Member must have length greater than or equal to 1', 'Member must satisfy regular expression pattern: [\\w+=,.@-]+']],
    ['Mine', { enum: ['All', 'AWS', 'Local'] }, ['Member must satisfy enum value set: [All, AWS, Local]']],
    ['😀'.repeat(3), { max: 2 }, ['Member must have length less than or equal to 2']],
  ])('finds in %j what AWS reports', (value, shape, failures) => {
    expect(stringFailures(value, shape)).toEqual(failures);
  });
});

describe('rangeFailures', () => {
  it.each([
    [900, []],
    [899, ['Member must have value greater than or equal to 900']],
    [43201, ['Member must have value less than or equal to 43200']],
  ])('judges %d against 900..43200', (value, failures) => {
    expect(rangeFailures(value, { min: 900, max: 43200 })).toEqual(failures);
  });
});

describe('itemConstraints', () => {
  it('lists every constraint of an item shape, maximum first', () => {
    expect(itemConstraints({ type: 'string', min: 1, max: 128, pattern: '[a-z]+' })).toEqual([
      'Member must have length less than or equal to 128',
      'Member must have length greater than or equal to 1',
      'Member must satisfy regular expression pattern: [a-z]+',
    ]);
    expect(itemConstraints({ type: 'integer', min: 1, max: 9 })).toEqual(['Member must have value less than or equal to 9', 'Member must have value greater than or equal to 1']);
    expect(itemConstraints({ type: 'string', enum: ['a', 'b'] })).toEqual(['Member must satisfy enum value set: [a, b]']);
  });
});
