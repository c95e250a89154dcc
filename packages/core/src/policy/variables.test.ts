import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicyDocument } from './index.js';
import { tokensMatch, tokensToRegExp } from './variables.js';
import type { ConditionContext, DecisionEffect, PolicyVersion } from './index.js';

type Case = [name: string, version: PolicyVersion, resource: string, condition: object | undefined, context: ConditionContext, expected: DecisionEffect];

const decide = (version: PolicyVersion, resource: string, condition: object | undefined, context: ConditionContext): DecisionEffect => {
  const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: resource, ...(condition ? { Condition: condition } : {}) };
  const doc = parsePolicyDocument(JSON.stringify({ Version: version, Statement: statement }), 'identity');
  return evaluatePolicy(doc, { action: 's3:GetObject', resource: 'arn:aws:s3:::home/alice/notes.txt', context }).effect;
};

const V12 = '2012-10-17';
const V08 = '2008-10-17';

describe('policy variables', () => {
  it.each<Case>([
    ['${aws:username} in Resource', V12, 'arn:aws:s3:::home/${aws:username}/*', undefined, { 'aws:username': 'alice' }, 'Allow'],
    ['${aws:username} for another user', V12, 'arn:aws:s3:::home/${aws:username}/*', undefined, { 'aws:username': 'bob' }, 'ImplicitDeny'],
    ['variable names are case-insensitive', V12, 'arn:aws:s3:::home/${AWS:UserName}/*', undefined, { 'aws:username': 'alice' }, 'Allow'],
    ['an unresolvable variable in Resource matches nothing', V12, 'arn:aws:s3:::home/${aws:username}/*', undefined, {}, 'ImplicitDeny'],
    ['a default value stands in for a missing key', V12, "arn:aws:s3:::home/${aws:username, 'alice'}/*", undefined, {}, 'Allow'],
    ['a present key wins over the default', V12, "arn:aws:s3:::home/${aws:username, 'alice'}/*", undefined, { 'aws:username': 'bob' }, 'ImplicitDeny'],
    ['2008-10-17 leaves variables literal', V08, 'arn:aws:s3:::home/${aws:username}/*', undefined, { 'aws:username': 'alice' }, 'ImplicitDeny'],
    ['a substituted * is literal, not a wildcard', V12, 'arn:aws:s3:::home/${aws:username}/notes.txt', undefined, { 'aws:username': '*' }, 'ImplicitDeny'],
    ['a multivalued key cannot be a variable', V12, 'arn:aws:s3:::home/${aws:TagKeys}/*', undefined, { 'aws:TagKeys': ['alice'] }, 'ImplicitDeny'],
    ['a multivalued key falls back to the default', V12, "arn:aws:s3:::home/${aws:TagKeys, 'alice'}/*", undefined, { 'aws:TagKeys': ['x'] }, 'Allow'],
    ['${aws:PrincipalTag/team} in a condition', V12, '*', { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } }, { 'aws:PrincipalTag/team': 'blue', 'aws:ResourceTag/team': 'blue' }, 'Allow'],
    ['${aws:PrincipalTag/team} differing', V12, '*', { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } }, { 'aws:PrincipalTag/team': 'blue', 'aws:ResourceTag/team': 'red' }, 'ImplicitDeny'],
    ['an OIDC claim key as a variable', V12, '*', { StringLike: { 'aws:RequestTag/sa': '${oidc.example.com/id/ABC:sub}' } }, { 'oidc.example.com/id/ABC:sub': 'system:serviceaccount:ns:app', 'aws:RequestTag/sa': 'system:serviceaccount:ns:app' }, 'Allow'],
    ['a variable mixed with a wildcard in StringLike', V12, '*', { StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, { 'aws:username': 'alice', 's3:prefix': 'home/alice/docs' }, 'Allow'],
    ['${*} is a literal star in StringLike', V12, '*', { StringLike: { 'x:key': 'a${*}' } }, { 'x:key': 'a*' }, 'Allow'],
    ['${*} does not act as a wildcard', V12, '*', { StringLike: { 'x:key': 'a${*}' } }, { 'x:key': 'abc' }, 'ImplicitDeny'],
    ['${?} is a literal question mark', V12, '*', { StringLike: { 'x:key': 'why${?}' } }, { 'x:key': 'why?' }, 'Allow'],
    ['${$} is a literal dollar', V12, '*', { StringEquals: { 'x:key': '${$}{aws:username}' } }, { 'x:key': '${aws:username}', 'aws:username': 'alice' }, 'Allow'],
    ['an unresolvable variable fails a negated operator', V12, '*', { StringNotEquals: { 'x:key': '${aws:nothing}' } }, { 'x:key': 'alice' }, 'ImplicitDeny'],
    ['in 2008-10-17 a condition compares the variable text', V08, '*', { StringEquals: { 'x:key': '${aws:username}' } }, { 'x:key': '${aws:username}', 'aws:username': 'alice' }, 'Allow'],
    ['a malformed default never matches', V12, '*', { StringEquals: { 'x:key': '${aws:nothing, alice}' } }, { 'x:key': 'alice' }, 'ImplicitDeny'],
    ['an unterminated variable is literal text', V12, '*', { StringEquals: { 'x:key': '${aws:username' } }, { 'x:key': '${aws:username', 'aws:username': 'alice' }, 'Allow'],
    ['ArnLike takes variables', V12, '*', { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::${aws:SourceAccount}:role/*' } }, { 'aws:SourceAccount': '111122223333', 'aws:SourceArn': 'arn:aws:iam::111122223333:role/x' }, 'Allow'],
    ['a number context value substitutes as text', V12, '*', { StringEquals: { 'x:key': 'n-${x:n}' } }, { 'x:n': 42, 'x:key': 'n-42' }, 'Allow'],
  ])('%s', (_name, version, resource, condition, context, expected) => {
    expect(decide(version, resource, condition, context)).toBe(expected);
  });
});

describe('tokensMatch', () => {
  const text = (t: string) => ({ kind: 'text' as const, text: t });
  const star = { kind: 'star' as const };
  // Each answer must be the one the anchored RegExp gives: the string comparison is only a shortcut.
  it.each([
    ['equal text', [text('arn:aws:eks')], 'arn:aws:eks', false, true],
    ['text that only starts the value', [text('arn')], 'arn:aws', false, false],
    ['regex characters taken literally', [text('a.b(c)|[d]$^+\\')], 'a.b(c)|[d]$^+\\', false, true],
    ['a regex character that would match anything else', [text('a.c')], 'abc', false, false],
    ['a trailing newline in the value', [text('abc')], 'abc\n', false, false],
    ['the empty pattern', [], '', false, true],
    ['text in two tokens', [text('a'), text('b')], 'ab', false, true],
    ['a different case, case-sensitively', [text('Role')], 'role', false, false],
    ['a different case, ignoring case', [text('Role')], 'role', true, true],
    ['a wildcard', [text('a'), star], 'abc', false, true],
  ] as const)('should answer %s like the RegExp does', (_case, tokens, value, ignoreCase, expected) => {
    expect(tokensMatch(tokens, value, ignoreCase)).toBe(expected);
    expect(tokensToRegExp(tokens, ignoreCase).test(value)).toBe(expected);
  });
});
