import { describe, expect, it } from 'vitest';
import { RULES, Violations, anchored, codePointLength } from './validate.js';

describe('Violations', () => {
  it('reports nothing when every constraint holds', () => {
    const v = new Violations();
    expect(v.required('session-1', 'roleSessionName', RULES.roleSessionName)).toBe('session-1');
    expect(() => v.throwIfAny()).not.toThrow();
  });

  it('counts characters, not UTF-16 units, and anchors patterns', () => {
    const v = new Violations();
    v.string('😀😀', 'tags.1.member.key', RULES.tagKey);
    v.string('ok!', 'roleSessionName', RULES.roleSessionName);
    expect(() => v.throwIfAny()).toThrow(
      expect.objectContaining({
        code: 'ValidationError',
        message:
          "2 validation errors detected: Value '😀😀' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+; Value 'ok!' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      }),
    );
  });

  it('prints the model patterns AWS prints', () => {
    const v = new Violations();
    v.string('\u0001', 'policy', RULES.sessionPolicy);
    expect(() => v.throwIfAny()).toThrow("Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  });
});

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

describe('anchored', () => {
  it('matches the whole value only, and compiles each pattern once', () => {
    const whole = anchored(RULES.roleSessionName.pattern);
    expect([whole.test('app-1'), whole.test('app 1'), whole.test(' app')]).toEqual([true, false, false]);
    expect(anchored(RULES.roleSessionName.pattern)).toBe(whole);
  });

  it('anchors every alternative, not just the first and last', () => {
    expect(anchored(/a|b/).test('ab')).toBe(false);
  });
});

describe('Violations length bounds', () => {
  // tagKey allows 1 to 128 characters: astral characters are one each though two UTF-16 units.
  it.each([
    ['128 astral characters (256 UTF-16 units)', '😀'.repeat(128), 0],
    ['129 astral characters', '😀'.repeat(129), 1],
    ['129 plain characters', 'a'.repeat(129), 1],
  ])('counts %s against the maximum', (_name, value, errors) => {
    const v = new Violations();
    v.string(value, 'tags.1.member.key', { max: 128 });
    if (errors === 0) expect(() => v.throwIfAny()).not.toThrow();
    else expect(() => v.throwIfAny()).toThrow(`1 validation error detected: Value '${value}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`);
  });

  it.each([
    ['one astral character (two units) under a minimum of 2', '😀', 1],
    ['two astral characters', '😀😀', 0],
    ['a lone surrogate and a letter', '\uD83Da', 0],
  ])('counts %s against the minimum', (_name, value, errors) => {
    const v = new Violations();
    v.string(value, 'roleSessionName', { min: 2 });
    if (errors === 0) expect(() => v.throwIfAny()).not.toThrow();
    else expect(() => v.throwIfAny()).toThrow(`1 validation error detected: Value '${value}' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2`);
  });

  it('reports a too long token without its value', () => {
    const v = new Violations();
    v.string('a'.repeat(20_001), 'webIdentityToken', RULES.webIdentityToken);
    expect(() => v.throwIfAny()).toThrow("1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to 20000");
  });
});
