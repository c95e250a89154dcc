import { describe, expect, it } from 'vitest';
import { iamShapes, stsShapes } from './models/index.js';
import type { IamInputs } from './models/index.js';
import { parseQueryInput } from './query-input.js';

function message(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    expect(err).toMatchObject({ code: 'ValidationError', status: 400 });
    return (err as Error).message;
  }
}

const iam = (operation: keyof IamInputs, params: Record<string, string>) => message(() => parseQueryInput(iamShapes, operation, params));
const sts = (operation: 'AssumeRole' | 'AssumeRoleWithWebIdentity', params: Record<string, string>) => message(() => parseQueryInput(stsShapes, operation, params));

const ROLE = { RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 's1' };

describe('parseQueryInput', () => {
  it('returns the typed input, lists and structures included, and ignores members the model does not name', () => {
    const input = parseQueryInput(iamShapes, 'CreateRole', {
      RoleName: 'app',
      AssumeRolePolicyDocument: '{}',
      MaxSessionDuration: '3600',
      'Tags.member.2.Key': 'b',
      'Tags.member.2.Value': '2',
      'Tags.member.1.Key': 'a',
      'Tags.member.1.Value': '',
      Unknown: 'ignored',
    });
    expect(input).toEqual({ RoleName: 'app', AssumeRolePolicyDocument: '{}', MaxSessionDuration: 3600, Tags: [{ Key: 'a', Value: '' }, { Key: 'b', Value: '2' }] });
  });

  it('reads `Name=` as an empty list, and an absent list as absent', () => {
    expect(parseQueryInput(iamShapes, 'UntagRole', { RoleName: 'app', TagKeys: '' })).toEqual({ RoleName: 'app', TagKeys: [] });
    expect(parseQueryInput(iamShapes, 'CreateOpenIDConnectProvider', { Url: 'https://x' })).toEqual({ Url: 'https://x' });
  });

  it.each([
    ['a missing member', 'GetRole', {}, "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null"],
    [
      'every broken constraint of a member, length before pattern',
      'GetRole',
      { RoleName: '' },
      "2 validation errors detected: Value '' at 'roleName' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    ],
    [
      'violations in model member order',
      'CreateRole',
      { Description: 'd'.repeat(1001), Path: 'x' },
      "4 validation errors detected: Value 'x' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F); " +
        "Value null at 'roleName' failed to satisfy constraint: Member must not be null; Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null; " +
        `Value '${'d'.repeat(1001)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000`,
    ],
    ['an enum', 'ListPolicies', { Scope: 'Mine' }, "1 validation error detected: Value 'Mine' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]"],
    ['an integer under its range', 'ListRoles', { MaxItems: '0' }, "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ['an integer over its range', 'ListRoles', { MaxItems: '1001' }, "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000"],
    ['an integer that is not one', 'ListRoles', { MaxItems: 'abc' }, "Value 'abc' at 'maxItems' failed to satisfy constraint: Member must be a number"],
    ['a boolean that is not one', 'ListPolicies', { OnlyAttached: 'yes' }, "Value 'yes' at 'onlyAttached' failed to satisfy constraint: Member must be a boolean"],
    ['a required list left out', 'UntagRole', { RoleName: 'app' }, "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null"],
    [
      'scalar list items together: the whole list shown Java-style, with all the item constraints, maximum first',
      'CreateOpenIDConnectProvider',
      { Url: 'https://x', 'ThumbprintList.member.1': 'abc', 'ThumbprintList.member.2': 'def' },
      "1 validation error detected: Value '[abc, def]' at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]",
    ],
    [
      'structure list items one by one',
      'TagRole',
      { RoleName: 'app', 'Tags.member.1.Key': 'bad*key', 'Tags.member.2.Value': 'v' },
      "3 validation errors detected: Value 'bad*key' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+; " +
        "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null; Value null at 'tags.2.member.key' failed to satisfy constraint: Member must not be null",
    ],
  ] as const)('reports %s', (_name, operation, params, expected) => {
    expect(iam(operation, params)).toBe(expected);
  });

  it('reports a list over its maximum before its items, structures shown as their Java toString', () => {
    const params: Record<string, string> = { ...ROLE };
    for (let i = 1; i <= 51; i++) Object.assign(params, { [`Tags.member.${i}.Key`]: `k${i}`, [`Tags.member.${i}.Value`]: 'v' });
    params['Tags.member.51.Key'] = 'bad!';
    const shown = Array.from({ length: 51 }, (_, i) => `Tag(key=${i === 50 ? 'bad!' : `k${i + 1}`}, value=v)`).join(', ');
    expect(sts('AssumeRole', params)).toBe(
      `2 validation errors detected: Value '[${shown}]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50; ` +
        "Value 'bad!' at 'tags.51.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
    );
  });

  it('counts characters as code points: 128 astral letters are a valid tag key in IAM and STS alike, 129 are not', () => {
    const letter = '\u{10400}'; // DESERET CAPITAL LETTER LONG I: \p{L}, two UTF-16 units
    const tag = (key: string) => ({ 'Tags.member.1.Key': key, 'Tags.member.1.Value': 'v' });
    expect(iam('TagRole', { RoleName: 'app', ...tag(letter.repeat(128)) })).toBeUndefined();
    expect(sts('AssumeRole', { ...ROLE, ...tag(letter.repeat(128)) })).toBeUndefined();
    const tooLong = `1 validation error detected: Value '${letter.repeat(129)}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`;
    expect(iam('TagRole', { RoleName: 'app', ...tag(letter.repeat(129)) })).toBe(tooLong);
    expect(sts('AssumeRole', { ...ROLE, ...tag(letter.repeat(129)) })).toBe(tooLong);
  });

  it('counts an emoji as one character: 1000 fit a managed policy description, 1001 do not', () => {
    const base = { PolicyName: 'p', PolicyDocument: '{}' };
    expect(iam('CreatePolicy', { ...base, Description: '😀'.repeat(1000) })).toBeUndefined();
    expect(iam('CreatePolicy', { ...base, Description: '😀'.repeat(1001) })).toBe(
      `1 validation error detected: Value '${'😀'.repeat(1001)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000`,
    );
  });

  it('counts one astral character as one under a minimum', () => {
    expect(sts('AssumeRole', { ...ROLE, RoleSessionName: '😀' })).toBe(
      "2 validation errors detected: Value '😀' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; Value '😀' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  });

  it('leaves a sensitive value out of the message', () => {
    expect(sts('AssumeRoleWithWebIdentity', { ...ROLE, WebIdentityToken: 'abc' })).toBe(
      "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4",
    );
  });

  it('applies the documented 10-ARN limit on PolicyArns, naming nested members', () => {
    const params: Record<string, string> = { ...ROLE };
    for (let i = 1; i <= 11; i++) params[`PolicyArns.member.${i}.arn`] = `arn:aws:iam::aws:policy/P${i}`;
    params['PolicyArns.member.11.arn'] = 'short';
    expect(sts('AssumeRole', params)).toMatch(
      /^2 validation errors detected: Value '\[PolicyDescriptorType\(arn=arn:aws:iam::aws:policy\/P1\), .*, PolicyDescriptorType\(arn=short\)\]' at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10; Value 'short' at 'policyArns.11.member.arn' failed to satisfy constraint: Member must have length greater than or equal to 20$/,
    );
  });

  it('refuses an operation the model does not have, as a caller bug', () => {
    expect(() => parseQueryInput(iamShapes, 'Nope' as never, {})).toThrow(TypeError);
  });
});
