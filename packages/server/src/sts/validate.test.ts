import { describe, expect, it } from 'vitest';
import { RULES, Violations } from './validate.js';

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
