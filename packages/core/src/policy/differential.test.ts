import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicyDocument } from './index.js';
import type { DecisionEffect } from './index.js';

// Differential test against @cloud-copilot/iam-simulate for the semantics both model: identity
// policies with Allow/Deny, Action/NotAction and Resource wildcards, String*/Numeric*/Bool/Null/
// Arn*/IpAddress conditions, IfExists, ForAnyValue/ForAllValues and policy variables.
// Areas left out on purpose, where the oracle departs from AWS's documented behaviour:
// - Date*: the oracle compares epoch seconds with Date.parse milliseconds, unlike AWS (Conditions_Date).
// - malformed numbers: the oracle uses parseInt, so "12abc" counts as 12; AWS refuses non-numbers.
// - ForAnyValue/ForAllValues combined with IfExists: the oracle ignores IfExists there, while AWS
//   documents "...IfExists" as true whenever the key is missing.
// - ${*} / ${?} in non-wildcard operators: the oracle keeps them as the literal text "${*}"; AWS
//   documents them as variables that always stand for the character (policy-vars-specialchars).
// - /0 ranges: the oracle computes the mask as -1 << 32, which JS reduces to -1 << 0, so
//   0.0.0.0/0 matches nothing there; AWS matches every address (Conditions_IPAddress).
// - IPv6: the oracle fails NotIpAddress when address and range families differ; an IPv6 caller
//   is not inside an IPv4 range, which is why AWS asks to add IPv6 ranges to IP-filtering
//   policies (S3 "Making requests over IPv6"). The table tests cover IPv6 instead.
// - policy ARNs of exactly five parts: the oracle reads them as ARNs with an empty resource;
//   we treat any pattern without six parts as malformed (Conditions_ARN), like a bad number.
// - empty multivalued keys and empty strings: the oracle treats [] as present and "" as missing
//   (a matter of our API, not AWS's: callers should omit keys that have no value).
// - Principal/trust semantics: the oracle models them around its own account lookups.

const KEYS = ['x:a', 'x:b', 'x:c'] as const;
const ARN_KEY = 'x:arn';
const IP_KEY = 'x:ip';
const REQUEST_ARNS = ['arn:aws:eks:us-west-2:111122223333:cluster/prod', 'arn:aws:eks:eu-west-1:111122223333:cluster/dev-1', 'arn:aws:iam::444455556666:role/x', 'arn:aws:logs:us-east-1:111122223333:log-group:app:stream', 'not-an-arn'];
const POLICY_ARNS = ['arn:aws:eks:*:111122223333:cluster/*', 'arn:aws:eks:us-west-?:*:cluster/prod', 'arn:aws:iam::*:role/*', 'arn:aws:logs:*:*:log-group:*', 'arn:aws:eks:*:*:cluster/prod:*', '*', REQUEST_ARNS[0] ?? ''];
const REQUEST_IPS = ['10.1.2.3', '192.168.0.1', '203.0.113.9', '172.16.0.1'];
const POLICY_IPS = ['10.0.0.0/8', '192.168.0.0/16', '203.0.113.9', '128.0.0.0/1', '172.16.0.0/12'];
const STRING_VALUES = ['alpha', 'Alpha', 'beta', 'al*', 'a?pha', '*', '10', 'true', '${x:b}', "${x:c, 'beta'}"];
const REQUEST_STRINGS = ['alpha', 'Alpha', 'beta', 'al*', 'alpha*', '10', '7', 'true', 'False'];
const NUMBERS = ['-3', '0', '7', '10', '12', '2.5'];
const EQUALS_OPS = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'];
const LIKE_OPS = ['StringLike', 'StringNotLike'];
const NUMERIC_OPS = ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'];

const values = (pool: readonly string[]) => fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 });

const modifiers = fc.oneof(
  fc.record({ prefix: fc.constant(''), suffix: fc.constantFrom('', 'IfExists') }),
  fc.record({ prefix: fc.constantFrom('ForAnyValue:', 'ForAllValues:'), suffix: fc.constant('') }),
);

const onKey = (key: fc.Arbitrary<string>) => ([op, vals]: [string, string[]]) => ({ op, vals, key });

const clause = fc.oneof(
  fc.tuple(fc.constantFrom('ArnLike', 'ArnEquals', 'ArnNotLike', 'ArnNotEquals'), values(POLICY_ARNS)).map(onKey(fc.constant(ARN_KEY))),
  fc.tuple(fc.constantFrom('IpAddress', 'NotIpAddress'), values(POLICY_IPS)).map(onKey(fc.constant(IP_KEY))),
  fc.oneof(
    fc.tuple(fc.constantFrom(...EQUALS_OPS), values(STRING_VALUES)),
    fc.tuple(fc.constantFrom(...LIKE_OPS), values([...STRING_VALUES, 'al${*}', 'a${?}pha'])),
    fc.tuple(fc.constantFrom(...NUMERIC_OPS), values(NUMBERS)),
    fc.tuple(fc.constant('Bool'), values(['true', 'false', 'TRUE'])),
  ).map(onKey(fc.constantFrom(...KEYS))),
).chain(({ op, vals, key }) => fc.record({ operator: modifiers.map(({ prefix, suffix }) => `${prefix}${op}${suffix}`), key, values: fc.constant(vals) }));

const nullClause = fc.record({ operator: fc.constant('Null'), key: fc.constantFrom(...KEYS), values: values(['true', 'false']) });

const condition = fc.array(fc.oneof({ weight: 5, arbitrary: clause }, { weight: 1, arbitrary: nullClause }), { maxLength: 3 }).map((clauses) => {
  const block: Record<string, Record<string, string[]>> = {};
  for (const c of clauses) (block[c.operator] ??= {})[c.key] = c.values;
  return block;
});

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
  action: fc.record({ negated: fc.boolean(), values: fc.array(fc.constantFrom('s3:GetObject', 's3:Get*', 'S3:getobject', 's3:?etObject', 's3:*', '*', 'iam:*', 's3:Put*'), { minLength: 1, maxLength: 2 }) }),
  Resource: fc.constantFrom('*', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::other/*', 'arn:aws:s3:::bucket/k?y'),
  Condition: condition,
}).map(({ action, ...rest }) => ({ ...rest, [action.negated ? 'NotAction' : 'Action']: action.values }));

const contextValue = fc.oneof(
  fc.constantFrom(...REQUEST_STRINGS, ...NUMBERS),
  fc.array(fc.constantFrom(...REQUEST_STRINGS, ...NUMBERS), { minLength: 1, maxLength: 3 }),
);
const oneOrMany = (pool: readonly string[]) => fc.oneof(fc.constantFrom(...pool), fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 2 }));
const context = fc.record(
  { ...Object.fromEntries(KEYS.map((k) => [k, contextValue])), [ARN_KEY]: oneOrMany(REQUEST_ARNS), [IP_KEY]: oneOrMany(REQUEST_IPS) } as Record<string, typeof contextValue>,
  { requiredKeys: [] },
).map((ctx) => Object.fromEntries(Object.entries(ctx).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)));

const ORACLE_EFFECT: Readonly<Record<string, DecisionEffect>> = { Allowed: 'Allow', ExplicitlyDenied: 'ExplicitDeny', ImplicitlyDenied: 'ImplicitDeny' };

describe('evaluatePolicy against iam-simulate', () => {
  it('agrees on identity-policy decisions', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 3 }), context, fc.constantFrom('s3:GetObject', 's3:PutObject'), (statements, ctx, action) => {
        const policy = { Version: '2012-10-17', Statement: statements };
        const resource = 'arn:aws:s3:::bucket/key';
        const ours = evaluatePolicy(parsePolicyDocument(JSON.stringify(policy), 'identity'), { action, resource, context: ctx }).effect;
        const theirs = runUnsafeSimulation({
          request: { principal: 'arn:aws:iam::111122223333:user/u', action, resource: { resource, accountId: '111122223333' }, contextVariables: ctx },
          identityPolicies: [{ name: 'p', policy }],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
        }, {});
        expect(ours).toBe(ORACLE_EFFECT[theirs]);
      }),
      { numRuns: 300 },
    );
  });
});
