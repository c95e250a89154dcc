import { describe, expect, it } from 'vitest';
import { MAX_SESSION_DURATION, PATH, POLICY_DESCRIPTION, ROLE_NAME, TAG_VALUE, rangeFailure, ruleFailures } from './member-rules.js';

describe('ruleFailures', () => {
  it.each([
    ['app-role', ROLE_NAME, []],
    ['', ROLE_NAME, ['Member must have length greater than or equal to 1', 'Member must satisfy regular expression pattern: [\\w+=,.@-]+']],
    ['a'.repeat(65), ROLE_NAME, ['Member must have length less than or equal to 64']],
    ['bad name', ROLE_NAME, ['Member must satisfy regular expression pattern: [\\w+=,.@-]+']],
    ['/team/', PATH, []],
    ['team', PATH, ['Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)']],
    ['', TAG_VALUE, []],
    // Characters are code points (shapes/length.ts): 1000 emoji are 2000 UTF-16 units.
    ['😀'.repeat(1000), POLICY_DESCRIPTION, []],
    ['😀'.repeat(1001), POLICY_DESCRIPTION, ['Member must have length less than or equal to 1000']],
  ])('should find in %j the failures AWS reports', (value, rule, failures) => {
    expect(ruleFailures(value, rule)).toEqual(failures);
  });
});

describe('rangeFailure', () => {
  it.each([
    [3600, undefined],
    [43200, undefined],
    [3599, 'Member must have value greater than or equal to 3600'],
    [43201, 'Member must have value less than or equal to 43200'],
  ])('should judge MaxSessionDuration %d', (value, failure) => {
    expect(rangeFailure(value, MAX_SESSION_DURATION)).toBe(failure);
  });
});
