import { describe, expect, it } from 'vitest';
import { Constraints } from './constraints.js';
import { ROLE_NAME } from '@eksid/core';

function violations(params: Record<string, string>, read: (c: Constraints) => unknown): string | undefined {
  const c = new Constraints(params);
  read(c);
  try {
    c.done();
    return undefined;
  } catch (err) {
    expect(err).toMatchObject({ code: 'ValidationError', status: 400 });
    return (err as Error).message;
  }
}

describe('Constraints', () => {
  it.each([
    [{}, (c: Constraints) => c.required('RoleName', ROLE_NAME), "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null"],
    [{ RoleName: 'a/b' }, (c: Constraints) => c.required('RoleName', ROLE_NAME), "1 validation error detected: Value 'a/b' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"],
    [
      { RoleName: '' },
      (c: Constraints) => c.required('RoleName', ROLE_NAME),
      "2 validation errors detected: Value '' at 'roleName' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    ],
    [{ MaxItems: '0' }, (c: Constraints) => c.integer('MaxItems', { min: 1, max: 1000 }), "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    [{ Scope: 'Mine' }, (c: Constraints) => c.oneOf('Scope', ['All', 'AWS', 'Local']), "1 validation error detected: Value 'Mine' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]"],
    [
      { 'ThumbprintList.member.1': 'abc' },
      (c: Constraints) => c.list('ThumbprintList', { min: 40, max: 40 }),
      "1 validation error detected: Value '[abc]' at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]",
    ],
    [{}, (c: Constraints) => c.list('TagKeys', {}, { required: true }), "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null"],
    [
      { 'Tags.member.1.Key': 'bad*key', 'Tags.member.2.Value': 'v' },
      (c: Constraints) => c.tags(),
      "3 validation errors detected: Value 'bad*key' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+; " +
        "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null; Value null at 'tags.2.member.key' failed to satisfy constraint: Member must not be null",
    ],
  ])('reports %o', (params, read, message) => {
    expect(violations(params, read)).toBe(message);
  });

  it('accepts valid members and returns them typed', () => {
    const c = new Constraints({ RoleName: 'app+1@x', MaxItems: '5', OnlyAttached: 'true', 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': '' });
    expect([c.required('RoleName', ROLE_NAME), c.integer('MaxItems', { min: 1, max: 9 }), c.boolean('OnlyAttached'), c.tags()]).toEqual(['app+1@x', 5, true, [{ Key: 'k', Value: '' }]]);
    expect(() => c.done()).not.toThrow();
  });
});
