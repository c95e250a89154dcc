import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../../policy/index.js';
import { podIdentityHints, shellVariableHints, wildcardHints } from './trust-policy.js';

const doc = (statements: object[]) => parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'trust');
const federated = (condition: object) => doc([{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/x' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }]);
const pods = (action: string | string[], principal: object | string = { Service: 'pods.eks.amazonaws.com' }) => doc([{ Effect: 'Allow', Principal: principal, Action: action }]);
const scope = { issuer: undefined, partition: 'aws', accountId: '111122223333', roleName: 'role/r' };

describe('wildcardHints', () => {
  it.each([
    ['StringEquals', 'a:*', 'StringEquals compares literally; "a:*" needs StringLike'],
    ['StringNotEquals', 'a?', 'StringNotEquals compares literally; "a?" needs StringNotLike'],
    ['StringEqualsIgnoreCase', '*', 'StringEqualsIgnoreCase compares literally; "*" needs StringLike'],
    ['ForAnyValue:StringNotEqualsIfExists', 'x*', 'ForAnyValue:StringNotEqualsIfExists compares literally; "x*" needs ForAnyValue:StringNotLikeIfExists'],
  ])('should tell %s with %s to use the Like operator', (operator, value, hint) => {
    expect(wildcardHints(federated({ [operator]: { 'x:sub': ['literal', value] } }))).toEqual([hint]);
  });

  it.each(['StringLike', 'ArnEquals'])('should leave %s alone', (operator) => {
    expect(wildcardHints(federated({ [operator]: { 'x:sub': 'a:*' } }))).toEqual([]);
  });
});

describe('shellVariableHints', () => {
  it.each([
    ['$NS', 'StringEquals value'],
    ['${NS}', 'StringEquals value'],
  ])('should find %s in a condition value', (variable, what) => {
    expect(shellVariableHints(federated({ StringEquals: { 'x:sub': `system:serviceaccount:${variable}:app` } }), scope)).toEqual([
      `the ${what} "system:serviceaccount:${variable}:app" holds the shell variable ${variable}, never expanded (a quoted heredoc or single quotes); write its value`,
    ]);
  });

  it('should not take IAM policy variables or a lone dollar for shell variables', () => {
    expect(shellVariableHints(federated({ StringLike: { 'x:sub': ['${aws:username}', 'a$', '$1', '${*}'] } }), scope)).toEqual([]);
  });
});

describe('podIdentityHints', () => {
  it.each([
    [['sts:AssumeRole', 'sts:TagSession']],
    ['sts:*'],
    [['sts:AssumeRole*', 'sts:Tag*']],
  ])('should find nothing wrong with %j', (action) => {
    expect(podIdentityHints(pods(action), scope)).toEqual([]);
  });

  it('should count only Allow statements that trust the service', () => {
    const split = doc([
      { Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:TagSession' },
    ]);
    expect(podIdentityHints(split, scope)).toEqual([
      'role/r lets pods.eks.amazonaws.com sts:AssumeRole but not sts:TagSession, which EKS Pod Identity also needs: "Action": ["sts:AssumeRole", "sts:TagSession"]',
    ]);
  });

  it('should take Principal "*" as trusting the service', () => {
    expect(podIdentityHints(pods(['sts:AssumeRole', 'sts:TagSession'], '*'), scope)).toEqual([]);
  });
});
