import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicyDocument } from '../index.js';
import type { ConditionContext, DecisionEffect } from '../index.js';

type Case = [name: string, condition: Record<string, Record<string, unknown>>, context: ConditionContext, expected: DecisionEffect];

const decide = (condition: object, context: ConditionContext): DecisionEffect => {
  const doc = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', Condition: condition } }), 'identity');
  return evaluatePolicy(doc, { action: 'sts:AssumeRole', resource: 'arn:aws:iam::111122223333:role/R', context }).effect;
};

const AGE = 'aws:MultiFactorAuthAge';
const NOW = 'aws:CurrentTime';

describe('numeric condition operators', () => {
  it.each<Case>([
    ['NumericEquals equal integers', { NumericEquals: { [AGE]: '10' } }, { [AGE]: '10' }, 'Allow'],
    ['NumericEquals compares numbers, not text', { NumericEquals: { [AGE]: '10' } }, { [AGE]: '10.0' }, 'Allow'],
    ['NumericEquals different numbers', { NumericEquals: { [AGE]: '10' } }, { [AGE]: '11' }, 'ImplicitDeny'],
    ['NumericEquals takes a JSON number context value', { NumericEquals: { [AGE]: 10 } }, { [AGE]: 10 }, 'Allow'],
    ['NumericNotEquals different numbers', { NumericNotEquals: { [AGE]: ['1', '2'] } }, { [AGE]: '3' }, 'Allow'],
    ['NumericNotEquals one listed number', { NumericNotEquals: { [AGE]: ['1', '2'] } }, { [AGE]: '2' }, 'ImplicitDeny'],
    ['NumericNotEquals missing key is true', { NumericNotEquals: { [AGE]: '1' } }, {}, 'Allow'],
    ['NumericLessThan below', { NumericLessThan: { [AGE]: '3600' } }, { [AGE]: '3599' }, 'Allow'],
    ['NumericLessThan equal is not less', { NumericLessThan: { [AGE]: '3600' } }, { [AGE]: '3600' }, 'ImplicitDeny'],
    ['NumericLessThanEquals equal', { NumericLessThanEquals: { [AGE]: '3600' } }, { [AGE]: '3600' }, 'Allow'],
    ['NumericLessThanEquals above', { NumericLessThanEquals: { [AGE]: '3600' } }, { [AGE]: '3601' }, 'ImplicitDeny'],
    ['NumericGreaterThan above', { NumericGreaterThan: { [AGE]: '-1.5' } }, { [AGE]: '-1' }, 'Allow'],
    ['NumericGreaterThan equal is not greater', { NumericGreaterThan: { [AGE]: '5' } }, { [AGE]: '5' }, 'ImplicitDeny'],
    ['NumericGreaterThanEquals equal decimals', { NumericGreaterThanEquals: { [AGE]: '2.5' } }, { [AGE]: '2.50' }, 'Allow'],
    ['NumericGreaterThanEquals below', { NumericGreaterThanEquals: { [AGE]: '2.5' } }, { [AGE]: '2.4' }, 'ImplicitDeny'],
    ['NumericLessThan missing key is false', { NumericLessThan: { [AGE]: '5' } }, {}, 'ImplicitDeny'],
    ['a non-numeric request value fails the condition', { NumericLessThan: { [AGE]: '5' } }, { [AGE]: 'abc' }, 'ImplicitDeny'],
    ['a non-numeric request value fails a negated condition too', { NumericNotEquals: { [AGE]: '5' } }, { [AGE]: '12abc' }, 'ImplicitDeny'],
    ['a non-numeric policy value never matches', { NumericEquals: { [AGE]: 'ten' } }, { [AGE]: '10' }, 'ImplicitDeny'],
    ['a malformed policy value does not hide a good one', { NumericEquals: { [AGE]: ['ten', '10'] } }, { [AGE]: '10' }, 'Allow'],
    ['numeric operators take no policy variables', { NumericEquals: { [AGE]: '${aws:x}' } }, { [AGE]: '10', 'aws:x': '10' }, 'ImplicitDeny'],
  ])('%s', (_name, condition, context, expected) => {
    expect(decide(condition, context)).toBe(expected);
  });
});

describe('date condition operators', () => {
  it.each<Case>([
    ['DateLessThan before the deadline', { DateLessThan: { [NOW]: '2030-01-01T00:00:00Z' } }, { [NOW]: '2029-12-31T23:59:59Z' }, 'Allow'],
    ['DateLessThan after the deadline', { DateLessThan: { [NOW]: '2030-01-01T00:00:00Z' } }, { [NOW]: '2030-01-01T00:00:01Z' }, 'ImplicitDeny'],
    ['DateGreaterThan with a date-only value', { DateGreaterThan: { [NOW]: '2020-01-01' } }, { [NOW]: '2020-01-01T00:00:01Z' }, 'Allow'],
    ['DateGreaterThan equal instant is not greater', { DateGreaterThan: { [NOW]: '2020-01-01' } }, { [NOW]: '2020-01-01T00:00:00Z' }, 'ImplicitDeny'],
    ['DateEquals across time zones', { DateEquals: { [NOW]: '2024-06-01T12:00:00+02:00' } }, { [NOW]: '2024-06-01T10:00:00Z' }, 'Allow'],
    ['DateEquals epoch seconds against ISO', { DateEquals: { [NOW]: '1700000000' } }, { [NOW]: '2023-11-14T22:13:20Z' }, 'Allow'],
    ['DateEquals reads a zone-less time as UTC', { DateEquals: { [NOW]: '2023-11-14T22:13:20' } }, { [NOW]: 1700000000 }, 'Allow'],
    ['DateNotEquals another instant', { DateNotEquals: { [NOW]: '1700000000' } }, { [NOW]: '1700000001' }, 'Allow'],
    ['DateNotEquals same instant', { DateNotEquals: { [NOW]: '1700000000' } }, { [NOW]: '2023-11-14T22:13:20.000Z' }, 'ImplicitDeny'],
    ['DateNotEquals missing key is true', { DateNotEquals: { [NOW]: '1700000000' } }, {}, 'Allow'],
    ['DateLessThanEquals equal', { DateLessThanEquals: { [NOW]: '2024-01-01T00:00:00Z' } }, { [NOW]: '2024-01-01T00:00:00Z' }, 'Allow'],
    ['DateGreaterThanEquals earlier', { DateGreaterThanEquals: { [NOW]: '2024-01-01T00:00:00Z' } }, { [NOW]: '2023-12-31T00:00:00Z' }, 'ImplicitDeny'],
    ['a malformed request date fails', { DateLessThan: { [NOW]: '2030-01-01' } }, { [NOW]: 'yesterday' }, 'ImplicitDeny'],
    ['a malformed policy date fails', { DateGreaterThan: { [NOW]: '01/01/2020' } }, { [NOW]: '2024-01-01T00:00:00Z' }, 'ImplicitDeny'],
  ])('%s', (_name, condition, context, expected) => {
    expect(decide(condition, context)).toBe(expected);
  });
});
