import { describe, expect, it } from 'vitest';
import { evaluatePolicies, evaluatePolicy, parsePolicyDocument } from './index.js';
import type { DecisionEffect, PolicyDocument } from './index.js';

type Case = [name: string, statements: object[], action: string, resource: string | undefined, expected: DecisionEffect];

const identity = (statements: object[]): PolicyDocument =>
  parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'identity');

const allow = (extra: object): object => ({ Effect: 'Allow', Action: '*', Resource: '*', ...extra });
const deny = (extra: object): object => ({ Effect: 'Deny', Action: '*', Resource: '*', ...extra });

describe('evaluatePolicy', () => {
  it.each<Case>([
    ['Action exact', [allow({ Action: 'sts:AssumeRole' })], 'sts:AssumeRole', '*', 'Allow'],
    ['Action names are case-insensitive', [allow({ Action: 'STS:assumerole' })], 'sts:AssumeRole', '*', 'Allow'],
    ['Action another action', [allow({ Action: 'sts:AssumeRole' })], 'sts:TagSession', '*', 'ImplicitDeny'],
    ['Action prefix wildcard', [allow({ Action: 'sts:Assume*' })], 'sts:AssumeRoleWithWebIdentity', '*', 'Allow'],
    ['Action wildcard does not cross services', [allow({ Action: 'sts:*' })], 'iam:GetRole', '*', 'ImplicitDeny'],
    ['Action ? wildcard', [allow({ Action: 's3:?etObject' })], 's3:GetObject', '*', 'Allow'],
    ['Action list ORs', [allow({ Action: ['iam:GetRole', 'sts:TagSession'] })], 'sts:TagSession', '*', 'Allow'],
    ['Action * matches any action', [allow({ Action: '*' })], 'eks:DescribeCluster', '*', 'Allow'],
    ['Action wildcard service prefix', [allow({ Action: '*:Describe*' })], 'eks:DescribeCluster', '*', 'Allow'],
    ['NotAction excludes a listed action', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], 'iam:CreateRole', '*', 'ImplicitDeny'],
    ['NotAction allows other actions', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], 'sts:AssumeRole', '*', 'Allow'],
    ['Resource exact ARN', [allow({ Resource: 'arn:aws:iam::111122223333:role/R' })], 'iam:GetRole', 'arn:aws:iam::111122223333:role/R', 'Allow'],
    ['Resource is case-sensitive', [allow({ Resource: 'arn:aws:iam::111122223333:role/r' })], 'iam:GetRole', 'arn:aws:iam::111122223333:role/R', 'ImplicitDeny'],
    ['Resource wildcard', [allow({ Resource: 'arn:aws:iam::111122223333:role/app-*' })], 'iam:GetRole', 'arn:aws:iam::111122223333:role/app-web', 'Allow'],
    ['Resource wildcard other path', [allow({ Resource: 'arn:aws:iam::111122223333:role/app-*' })], 'iam:GetRole', 'arn:aws:iam::111122223333:role/db', 'ImplicitDeny'],
    ['Resource ? wildcard', [allow({ Resource: 'arn:aws:s3:::bucket-?' })], 's3:ListBucket', 'arn:aws:s3:::bucket-1', 'Allow'],
    ['Resource statement without a request resource', [allow({ Resource: '*' })], 'iam:GetRole', undefined, 'ImplicitDeny'],
    ['NotResource excludes a listed resource', [{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::secret/*' }], 's3:GetObject', 'arn:aws:s3:::secret/k', 'ImplicitDeny'],
    ['NotResource allows other resources', [{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::secret/*' }], 's3:GetObject', 'arn:aws:s3:::public/k', 'Allow'],
    ['no statement applies: implicit deny', [allow({ Action: 'iam:GetRole' })], 'sts:AssumeRole', '*', 'ImplicitDeny'],
    ['explicit Deny beats Allow', [allow({}), deny({ Action: 'sts:AssumeRole' })], 'sts:AssumeRole', '*', 'ExplicitDeny'],
    ['Deny for another action leaves Allow', [allow({}), deny({ Action: 'iam:*' })], 'sts:AssumeRole', '*', 'Allow'],
    ['Deny alone is an explicit deny', [deny({})], 'sts:AssumeRole', '*', 'ExplicitDeny'],
    ['Deny whose condition fails does not apply', [allow({}), deny({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } })], 'sts:AssumeRole', '*', 'Allow'],
    ['Deny order does not matter', [deny({ Action: 'sts:*' }), allow({})], 'sts:AssumeRole', '*', 'ExplicitDeny'],
  ])('%s', (_name, statements, action, resource, expected) => {
    expect(evaluatePolicy(identity(statements), { action, resource, context: {} }).effect).toBe(expected);
  });
});

describe('evaluatePolicies', () => {
  const allowAll = identity([allow({})]);
  const denySts = identity([deny({ Action: 'sts:*' })]);
  const allowIam = identity([allow({ Action: 'iam:*' })]);

  it.each<[name: string, docs: PolicyDocument[], action: string, expected: DecisionEffect]>([
    ['an Allow in any policy allows', [allowIam, allowAll], 'sts:AssumeRole', 'Allow'],
    ['a Deny in another policy wins', [allowAll, denySts], 'sts:AssumeRole', 'ExplicitDeny'],
    ['no policy allows', [allowIam, denySts], 'eks:ListClusters', 'ImplicitDeny'],
    ['no policies at all', [], 'sts:AssumeRole', 'ImplicitDeny'],
  ])('%s', (_name, docs, action, expected) => {
    expect(evaluatePolicies(docs, { action, resource: '*', context: {} }).effect).toBe(expected);
  });

  it('numbers the policy of each statement in the trace', () => {
    const { trace } = evaluatePolicies([allowIam, denySts], { action: 'sts:AssumeRole', resource: '*', context: {} });
    expect(trace.at(-1)).toEqual({ kind: 'decision', effect: 'ExplicitDeny', decidedBy: { policy: 1, index: 0, sid: undefined, effect: 'Deny' } });
  });
});

describe('evaluatePolicy with a StatementMemo', () => {
  const trust = parsePolicyDocument(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: 'sts:TagSession', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } },
        { Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'], Condition: { StringLike: { 'aws:SourceArn': 'arn:aws:eks:*' } } },
        { Effect: 'Deny', Principal: '*', Action: 'sts:TagSession', Condition: { StringEquals: { 'aws:RequestTag/team': 'blocked' } } },
      ],
    }),
    'trust',
  );
  const principal = { type: 'Service' as const, identifiers: ['pods.eks.amazonaws.com'] };
  const request = (action: string, context: Record<string, string>) => ({ action, resource: 'arn:aws:iam::111122223333:role/R', principal, context });

  it.each([
    ['all conditions hold', { 'aws:SourceAccount': '111122223333', 'aws:SourceArn': 'arn:aws:eks:us-east-1:111122223333:cluster/c' }],
    ['a condition fails', { 'aws:SourceAccount': '999999999999', 'aws:SourceArn': 'arn:aws:ec2:x' }],
    ['the Deny applies', { 'aws:SourceAccount': '111122223333', 'aws:SourceArn': 'arn:aws:eks:x', 'aws:RequestTag/team': 'blocked' }],
  ])('decides and traces each action as a separate evaluation would, when %s', (_name, context) => {
    const memo = new Map();
    for (const action of ['sts:AssumeRole', 'sts:TagSession', 'sts:AssumeRole']) {
      expect(evaluatePolicy(trust, request(action, context), undefined, memo)).toEqual(evaluatePolicy(trust, request(action, context)));
    }
  });

  it("evaluates a statement's conditions once for every action it is asked for", () => {
    const asked: string[] = [];
    const lookup = (key: string) => {
      asked.push(key);
      return { values: ['111122223333'], multivalued: false };
    };
    const memo = new Map();
    evaluatePolicy(trust, request('sts:TagSession', {}), lookup, memo);
    const first = asked.length;
    evaluatePolicy(trust, request('sts:TagSession', {}), lookup, memo);
    evaluatePolicy(trust, request('sts:AssumeRole', {}), lookup, memo);
    expect([first, asked.length]).toEqual([3, 3]);
  });
});
