import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicyDocument } from '../index.js';
import type { ConditionContext, DecisionEffect } from '../index.js';

type Case = [name: string, condition: Record<string, Record<string, unknown>>, context: ConditionContext, expected: DecisionEffect];

const decide = (condition: object, context: ConditionContext): DecisionEffect => {
  const doc = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'sts:TagSession', Resource: '*', Condition: condition } }), 'identity');
  return evaluatePolicy(doc, { action: 'sts:TagSession', resource: 'arn:aws:iam::111122223333:role/R', context }).effect;
};

const SRC = 'aws:SourceArn';
const TAGS = 'aws:TagKeys';

describe('ARN condition operators', () => {
  it.each<Case>([
    ['ArnLike with a wildcard in the resource part', { ArnLike: { [SRC]: 'arn:aws:eks:us-west-2:111122223333:cluster/*' } }, { [SRC]: 'arn:aws:eks:us-west-2:111122223333:cluster/prod' }, 'Allow'],
    ['ArnLike wildcard region', { ArnLike: { [SRC]: 'arn:aws:eks:*:111122223333:cluster/prod' } }, { [SRC]: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod' }, 'Allow'],
    ['ArnLike wildcard cannot span a colon', { ArnLike: { [SRC]: 'arn:aws:eks:*:cluster/prod' } }, { [SRC]: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod' }, 'ImplicitDeny'],
    ['ArnLike resource part may contain colons', { ArnLike: { [SRC]: 'arn:aws:logs:us-east-1:111122223333:log-group:*' } }, { [SRC]: 'arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:x' }, 'Allow'],
    ['ArnLike other account', { ArnLike: { [SRC]: 'arn:aws:eks:*:111122223333:cluster/*' } }, { [SRC]: 'arn:aws:eks:us-west-2:444455556666:cluster/prod' }, 'ImplicitDeny'],
    ['ArnLike ? per character', { ArnLike: { [SRC]: 'arn:aws:sns:us-east-?:111122223333:t' } }, { [SRC]: 'arn:aws:sns:us-east-2:111122223333:t' }, 'Allow'],
    ['ArnLike is case-sensitive', { ArnLike: { [SRC]: 'arn:aws:eks:*:111122223333:cluster/Prod' } }, { [SRC]: 'arn:aws:eks:us-west-2:111122223333:cluster/prod' }, 'ImplicitDeny'],
    ['ArnEquals takes wildcards like ArnLike', { ArnEquals: { [SRC]: 'arn:aws:sns:*:111122223333:t' } }, { [SRC]: 'arn:aws:sns:us-east-1:111122223333:t' }, 'Allow'],
    ['ArnEquals exact', { ArnEquals: { [SRC]: 'arn:aws:sns:us-east-1:111122223333:t' } }, { [SRC]: 'arn:aws:sns:us-east-1:111122223333:t' }, 'Allow'],
    ['ArnEquals exact, another resource', { ArnEquals: { [SRC]: 'arn:aws:sns:us-east-1:111122223333:t' } }, { [SRC]: 'arn:aws:sns:us-east-1:111122223333:u' }, 'ImplicitDeny'],
    ['ArnEquals exact with colons in the resource part', { ArnEquals: { [SRC]: 'arn:aws:logs:us-east-1:111122223333:log-group:app' } }, { [SRC]: 'arn:aws:logs:us-east-1:111122223333:log-group:app' }, 'Allow'],
    ['ArnEquals exact, empty parts', { ArnEquals: { [SRC]: 'arn:aws:iam::111122223333:role/x' } }, { [SRC]: 'arn:aws:iam::111122223333:role/x' }, 'Allow'],
    ['ArnEquals exact policy value of five parts fails even when equal', { ArnEquals: { [SRC]: 'arn:aws:sns:us-east-1:t' } }, { [SRC]: 'arn:aws:sns:us-east-1:t' }, 'ImplicitDeny'],
    ['ArnNotEquals exact policy value of five parts fails too', { ArnNotEquals: { [SRC]: 'arn:aws:sns:us-east-1:t' } }, { [SRC]: 'arn:aws:sns:us-east-1:111122223333:t' }, 'ImplicitDeny'],
    ['ArnNotEquals exact, a request value that is not an ARN', { ArnNotEquals: { [SRC]: 'arn:aws:sns:us-east-1:111122223333:t' } }, { [SRC]: 'not-an-arn' }, 'ImplicitDeny'],
    ['ArnNotEquals exact, another ARN', { ArnNotEquals: { [SRC]: 'arn:aws:sns:us-east-1:111122223333:t' } }, { [SRC]: 'arn:aws:sns:us-east-1:111122223333:u' }, 'Allow'],
    ['ArnEquals with a variable and no wildcard', { ArnEquals: { [SRC]: 'arn:aws:eks:us-east-1:${aws:SourceAccount}:cluster/demo' } }, { [SRC]: 'arn:aws:eks:us-east-1:111122223333:cluster/demo', 'aws:SourceAccount': '111122223333' }, 'Allow'],
    ['a request value that is not an ARN fails', { ArnLike: { [SRC]: '*' } }, { [SRC]: 'not-an-arn' }, 'ImplicitDeny'],
    ['a policy value with fewer than six parts fails', { ArnLike: { [SRC]: 'arn:aws:*' } }, { [SRC]: 'arn:aws:sns:us-east-1:111122223333:t' }, 'ImplicitDeny'],
    ['ArnNotLike a different cluster', { ArnNotLike: { [SRC]: 'arn:aws:eks:*:*:cluster/dev-*' } }, { [SRC]: 'arn:aws:eks:us-west-2:111122223333:cluster/prod' }, 'Allow'],
    ['ArnNotLike a listed cluster', { ArnNotLike: { [SRC]: 'arn:aws:eks:*:*:cluster/dev-*' } }, { [SRC]: 'arn:aws:eks:us-west-2:111122223333:cluster/dev-1' }, 'ImplicitDeny'],
    ['ArnNotEquals missing key is true', { ArnNotEquals: { [SRC]: 'arn:aws:sns:us-east-1:111122223333:t' } }, {}, 'Allow'],
    ['ArnLike missing key is false', { ArnLike: { [SRC]: '*' } }, {}, 'ImplicitDeny'],
  ])('%s', (_name, condition, context, expected) => {
    expect(decide(condition, context)).toBe(expected);
  });
});

describe('IfExists, Null and set operators', () => {
  it.each<Case>([
    ['StringEqualsIfExists missing key is true', { StringEqualsIfExists: { 'aws:username': 'alice' } }, {}, 'Allow'],
    ['StringEqualsIfExists present key is compared', { StringEqualsIfExists: { 'aws:username': 'alice' } }, { 'aws:username': 'bob' }, 'ImplicitDeny'],
    ['StringNotLikeIfExists present and matching', { StringNotLikeIfExists: { 'aws:username': 'b*' } }, { 'aws:username': 'bob' }, 'ImplicitDeny'],
    ['NumericLessThanIfExists missing key is true', { NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': '10' } }, {}, 'Allow'],
    ['IpAddressIfExists present outside the range', { IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': '11.0.0.1' }, 'ImplicitDeny'],
    ['Null true when the key is absent', { Null: { 'aws:TokenIssueTime': 'true' } }, {}, 'Allow'],
    ['Null true when the key is present', { Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' }, 'ImplicitDeny'],
    ['Null false when the key is present', { Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' }, 'Allow'],
    ['Null false when the key is absent', { Null: { 'aws:TokenIssueTime': 'false' } }, {}, 'ImplicitDeny'],
    ['Null with a JSON boolean', { Null: { 'aws:TokenIssueTime': true } }, {}, 'Allow'],
    ['Null counts an empty multivalued key as absent', { Null: { [TAGS]: 'true' } }, { [TAGS]: [] }, 'Allow'],
    ['Null with a nonsense value never holds', { Null: { 'aws:TokenIssueTime': 'maybe' } }, {}, 'ImplicitDeny'],
    ['ForAnyValue one tag key listed', { 'ForAnyValue:StringEquals': { [TAGS]: ['team', 'env'] } }, { [TAGS]: ['owner', 'env'] }, 'Allow'],
    ['ForAnyValue no tag key listed', { 'ForAnyValue:StringEquals': { [TAGS]: ['team', 'env'] } }, { [TAGS]: ['owner', 'cost'] }, 'ImplicitDeny'],
    ['ForAnyValue missing key is false', { 'ForAnyValue:StringEquals': { [TAGS]: ['team'] } }, {}, 'ImplicitDeny'],
    ['ForAnyValue empty key is false', { 'ForAnyValue:StringEquals': { [TAGS]: ['team'] } }, { [TAGS]: [] }, 'ImplicitDeny'],
    ['ForAnyValue over a single-valued key', { 'ForAnyValue:StringLike': { 'aws:username': ['a*'] } }, { 'aws:username': 'alice' }, 'Allow'],
    ['ForAnyValue:StringNotEquals some key not listed', { 'ForAnyValue:StringNotEquals': { [TAGS]: ['team'] } }, { [TAGS]: ['team', 'x'] }, 'Allow'],
    ['ForAnyValue:StringNotEquals every key listed', { 'ForAnyValue:StringNotEquals': { [TAGS]: ['team'] } }, { [TAGS]: ['team'] }, 'ImplicitDeny'],
    ['ForAnyValue...IfExists missing key is true', { 'ForAnyValue:StringEqualsIfExists': { [TAGS]: ['team'] } }, {}, 'Allow'],
    ['ForAllValues every tag key allowed', { 'ForAllValues:StringEquals': { [TAGS]: ['team', 'env'] } }, { [TAGS]: ['env', 'team'] }, 'Allow'],
    ['ForAllValues one tag key not allowed', { 'ForAllValues:StringEquals': { [TAGS]: ['team', 'env'] } }, { [TAGS]: ['env', 'owner'] }, 'ImplicitDeny'],
    ['ForAllValues missing key is true', { 'ForAllValues:StringEquals': { [TAGS]: ['team'] } }, {}, 'Allow'],
    ['ForAllValues empty key is true', { 'ForAllValues:StringEquals': { [TAGS]: ['team'] } }, { [TAGS]: [] }, 'Allow'],
    ['ForAllValues with patterns', { 'ForAllValues:StringLike': { [TAGS]: ['eks-*'] } }, { [TAGS]: ['eks-cluster-name', 'eks-namespace'] }, 'Allow'],
    ['ForAllValues:StringNotEquals no key in the deny list', { 'ForAllValues:StringNotEquals': { [TAGS]: ['admin'] } }, { [TAGS]: ['team', 'env'] }, 'Allow'],
    ['ForAllValues:StringNotEquals a key in the deny list', { 'ForAllValues:StringNotEquals': { [TAGS]: ['admin'] } }, { [TAGS]: ['team', 'admin'] }, 'ImplicitDeny'],
    ['ForAllValues is case-sensitive on values', { 'ForAllValues:StringEquals': { [TAGS]: ['Team'] } }, { [TAGS]: ['team'] }, 'ImplicitDeny'],
    ['ForAllValues:StringEqualsIgnoreCase', { 'ForAllValues:StringEqualsIgnoreCase': { [TAGS]: ['Team'] } }, { [TAGS]: ['team', 'TEAM'] }, 'Allow'],
    ['a single-valued operator fails on a multivalued key', { StringEquals: { [TAGS]: 'team' } }, { [TAGS]: ['team'] }, 'ImplicitDeny'],
    ['a negated single-valued operator fails on a multivalued key', { StringNotEquals: { [TAGS]: 'x' } }, { [TAGS]: ['team'] }, 'ImplicitDeny'],
    ['an empty multivalued key counts as missing for a negated operator', { StringNotEquals: { [TAGS]: 'x' } }, { [TAGS]: [] }, 'Allow'],
    ['ForAllValues ANDed with ForAnyValue', { 'ForAllValues:StringEquals': { [TAGS]: ['a', 'b'] }, 'ForAnyValue:StringEquals': { [TAGS]: ['b'] } }, { [TAGS]: ['a'] }, 'ImplicitDeny'],
  ])('%s', (_name, condition, context, expected) => {
    expect(decide(condition, context)).toBe(expected);
  });
});
