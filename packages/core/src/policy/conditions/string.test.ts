import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicyDocument } from '../index.js';
import type { ConditionContext, DecisionEffect } from '../index.js';

type Case = [name: string, condition: Record<string, Record<string, unknown>>, context: ConditionContext, expected: DecisionEffect];

const allowWhen = (condition: object) =>
  parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition } }), 'identity');

const decide = (condition: object, context: ConditionContext): DecisionEffect =>
  evaluatePolicy(allowWhen(condition), { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', context }).effect;

const SUB = 'oidc.eks.us-west-2.amazonaws.com/id/ABC:sub';

describe('string condition operators', () => {
  it.each<Case>([
    ['StringEquals matches the exact value', { StringEquals: { [SUB]: 'system:serviceaccount:default:app' } }, { [SUB]: 'system:serviceaccount:default:app' }, 'Allow'],
    ['StringEquals refuses another value', { StringEquals: { [SUB]: 'system:serviceaccount:default:app' } }, { [SUB]: 'system:serviceaccount:default:other' }, 'ImplicitDeny'],
    ['StringEquals is case-sensitive on values', { StringEquals: { 'aws:username': 'johndoe' } }, { 'aws:username': 'JohnDoe' }, 'ImplicitDeny'],
    ['StringEquals looks keys up case-insensitively', { StringEquals: { 'AWS:UserName': 'johndoe' } }, { 'aws:username': 'johndoe' }, 'Allow'],
    ['StringEquals ORs the values of one key', { StringEquals: { 'aws:username': ['alice', 'bob'] } }, { 'aws:username': 'bob' }, 'Allow'],
    ['StringEquals with no listed value matching', { StringEquals: { 'aws:username': ['alice', 'bob'] } }, { 'aws:username': 'carol' }, 'ImplicitDeny'],
    ['StringEquals on a missing key is false', { StringEquals: { 'aws:username': 'alice' } }, {}, 'ImplicitDeny'],
    ['StringEquals does not treat * as a wildcard', { StringEquals: { 'aws:username': 'a*' } }, { 'aws:username': 'alice' }, 'ImplicitDeny'],
    ['StringEquals compares * literally', { StringEquals: { 'aws:username': 'a*' } }, { 'aws:username': 'a*' }, 'Allow'],
    ['StringEquals ANDs keys in one operator', { StringEquals: { 'aws:username': 'alice', 'aws:SourceAccount': '111122223333' } }, { 'aws:username': 'alice', 'aws:SourceAccount': '999999999999' }, 'ImplicitDeny'],
    ['StringEquals ANDs keys that all hold', { StringEquals: { 'aws:username': 'alice', 'aws:SourceAccount': '111122223333' } }, { 'aws:username': 'alice', 'aws:SourceAccount': '111122223333' }, 'Allow'],
    ['StringEquals compares a numeric context value as text', { StringEquals: { 'aws:SourceAccount': '111122223333' } }, { 'aws:SourceAccount': 111122223333 }, 'Allow'],
    ['StringEquals accepts a JSON number in the policy', { StringEquals: { 'aws:SourceAccount': 111122223333 } }, { 'aws:SourceAccount': '111122223333' }, 'Allow'],
    ['StringNotEquals holds for another value', { StringNotEquals: { 'aws:username': 'alice' } }, { 'aws:username': 'bob' }, 'Allow'],
    ['StringNotEquals fails for the listed value', { StringNotEquals: { 'aws:username': 'alice' } }, { 'aws:username': 'alice' }, 'ImplicitDeny'],
    ['StringNotEquals NORs the values of one key', { StringNotEquals: { 'aws:username': ['alice', 'bob'] } }, { 'aws:username': 'bob' }, 'ImplicitDeny'],
    ['StringNotEquals holds when no value matches', { StringNotEquals: { 'aws:username': ['alice', 'bob'] } }, { 'aws:username': 'carol' }, 'Allow'],
    ['StringNotEquals on a missing key is true', { StringNotEquals: { 'aws:username': 'alice' } }, {}, 'Allow'],
    ['StringNotEquals is case-sensitive', { StringNotEquals: { 'aws:username': 'alice' } }, { 'aws:username': 'ALICE' }, 'Allow'],
    ['StringEqualsIgnoreCase ignores case', { StringEqualsIgnoreCase: { 'aws:username': 'JohnDoe' } }, { 'aws:username': 'johndoe' }, 'Allow'],
    ['StringEqualsIgnoreCase still needs equal text', { StringEqualsIgnoreCase: { 'aws:username': 'JohnDoe' } }, { 'aws:username': 'janedoe' }, 'ImplicitDeny'],
    ['StringNotEqualsIgnoreCase fails for a case variant', { StringNotEqualsIgnoreCase: { 'aws:username': 'JohnDoe' } }, { 'aws:username': 'JOHNDOE' }, 'ImplicitDeny'],
    ['StringNotEqualsIgnoreCase holds for another name', { StringNotEqualsIgnoreCase: { 'aws:username': 'JohnDoe' } }, { 'aws:username': 'jane' }, 'Allow'],
    ['StringNotEqualsIgnoreCase on a missing key is true', { StringNotEqualsIgnoreCase: { 'aws:username': 'JohnDoe' } }, {}, 'Allow'],
    ['StringLike * spans many characters', { StringLike: { [SUB]: 'system:serviceaccount:default:*' } }, { [SUB]: 'system:serviceaccount:default:app' }, 'Allow'],
    ['StringLike * spans colons', { StringLike: { [SUB]: 'system:*' } }, { [SUB]: 'system:serviceaccount:kube-system:x' }, 'Allow'],
    ['StringLike anchors the whole value', { StringLike: { [SUB]: 'serviceaccount:*' } }, { [SUB]: 'system:serviceaccount:default:app' }, 'ImplicitDeny'],
    ['StringLike ? is exactly one character', { StringLike: { 'aws:username': 'a?c' } }, { 'aws:username': 'abc' }, 'Allow'],
    ['StringLike ? does not match two characters', { StringLike: { 'aws:username': 'a?c' } }, { 'aws:username': 'abbc' }, 'ImplicitDeny'],
    ['StringLike ? does not match none', { StringLike: { 'aws:username': 'a?c' } }, { 'aws:username': 'ac' }, 'ImplicitDeny'],
    ['StringLike several wildcards', { StringLike: { 'aws:username': '*-dev-*' } }, { 'aws:username': 'team-dev-42' }, 'Allow'],
    ['StringLike is case-sensitive', { StringLike: { 'aws:username': 'Team*' } }, { 'aws:username': 'team-a' }, 'ImplicitDeny'],
    ['StringLike treats regex characters literally', { StringLike: { 'aws:username': 'a.c' } }, { 'aws:username': 'abc' }, 'ImplicitDeny'],
    ['StringLike ORs patterns', { StringLike: { 'aws:username': ['x*', 'b*'] } }, { 'aws:username': 'bob' }, 'Allow'],
    ['StringNotLike holds when no pattern matches', { StringNotLike: { 'aws:username': ['x*', 'y*'] } }, { 'aws:username': 'bob' }, 'Allow'],
    ['StringNotLike fails when a pattern matches', { StringNotLike: { 'aws:username': ['x*', 'b*'] } }, { 'aws:username': 'bob' }, 'ImplicitDeny'],
    ['StringNotLike on a missing key is true', { StringNotLike: { 'aws:username': 'b*' } }, {}, 'Allow'],
    ['two operators are ANDed', { StringLike: { 'aws:username': 'b*' }, StringNotEquals: { 'aws:username': 'bob' } }, { 'aws:username': 'bob' }, 'ImplicitDeny'],
  ])('%s', (_name, condition, context, expected) => {
    expect(decide(condition, context)).toBe(expected);
  });
});
