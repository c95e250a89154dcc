import { describe, expect, it } from 'vitest';
import { evaluatePolicy, formatTrace, parsePolicyDocument } from './index.js';
import type { AuthorizationRequest } from './index.js';

const PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/oidc.x/id/Y';

const trustPolicy = parsePolicyDocument(JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Pods', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    {
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'oidc.x/id/Y:sub': 'system:serviceaccount:default:other', 'oidc.x/id/Y:aud': 'sts.amazonaws.com' },
        'ForAllValues:StringLike': { 'aws:TagKeys': 'eks-*' },
        NumericLessThanIfExists: { 'x:n': '5' },
      },
    },
  ],
}), 'trust');

const request: AuthorizationRequest = {
  action: 'sts:AssumeRoleWithWebIdentity',
  principal: { type: 'Federated', identifiers: [PROVIDER] },
  context: { 'oidc.x/id/Y:sub': 'system:serviceaccount:default:app', 'aws:TagKeys': ['eks-a', 'team'] },
};

describe('formatTrace', () => {
  it('explains why a web identity was refused, one sentence per step', () => {
    const decision = evaluatePolicy(trustPolicy, request);
    expect(decision.effect).toBe('ImplicitDeny');
    expect(formatTrace(decision.trace)).toEqual([
      'statement 0 "Pods" (Allow): action "sts:AssumeRoleWithWebIdentity" does not match Action ["sts:AssumeRole", "sts:TagSession"]',
      'statement 0 "Pods" (Allow): does not apply',
      'statement 1 (Allow): action "sts:AssumeRoleWithWebIdentity" matches Action ["sts:AssumeRoleWithWebIdentity"]',
      `statement 1 (Allow): Federated ["${PROVIDER}"] matches Principal {"Federated":["${PROVIDER}"]}`,
      'statement 1 (Allow): condition StringEquals oidc.x/id/Y:sub: "system:serviceaccount:default:app" not in ["system:serviceaccount:default:other"]',
      'statement 1 (Allow): condition StringEquals oidc.x/id/Y:aud: key missing, ["sts.amazonaws.com"] → false',
      'statement 1 (Allow): condition ForAllValues:StringLike aws:TagKeys: ["eks-a", "team"] against ["eks-*"] → false',
      'statement 1 (Allow): condition NumericLessThanIfExists x:n: key missing, ["5"] → true',
      'statement 1 (Allow): does not apply',
      'decision: ImplicitDeny (no statement allows the request)',
    ]);
  });

  it('names the deciding statement and the caller a principal refused', () => {
    const denyPolicy = parsePolicyDocument(JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole', Condition: { NumericLessThan: { 'x:n': '3' }, StringNotLike: { 'x:s': 'a*' } } },
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { Null: { 'x:mfa': 'false' } } },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' },
      ],
    }), 'trust');
    const decision = evaluatePolicy(denyPolicy, {
      action: 'sts:AssumeRole',
      principal: { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:user/u'], accountId: '111122223333' },
      context: { 'x:n': 2, 'x:s': 'abc', 'x:mfa': 'true' },
    });
    expect(decision.effect).toBe('ExplicitDeny');
    expect(formatTrace(decision.trace).filter((line) => !line.includes(': action '))).toEqual([
      'statement 0 (Allow): AWS ["arn:aws:iam::111122223333:user/u"] of account 111122223333 matches Principal {"AWS":["111122223333"]}',
      'statement 0 (Allow): condition NumericLessThan x:n: "2" < one of ["3"]',
      'statement 0 (Allow): condition StringNotLike x:s: "abc" matches one of ["a*"]',
      'statement 0 (Allow): does not apply',
      'statement 1 (Deny): AWS ["arn:aws:iam::111122223333:user/u"] of account 111122223333 matches Principal "*"',
      'statement 1 (Deny): condition Null x:mfa: key present, ["false"] → true',
      'statement 1 (Deny): applies',
      'statement 2 (Allow): AWS ["arn:aws:iam::111122223333:user/u"] of account 111122223333 does not match Principal {"AWS":["arn:aws:iam::444455556666:root"]}',
      'statement 2 (Allow): does not apply',
      'decision: ExplicitDeny by statement 1 (Deny)',
    ]);
  });

  it('describes a request without resource or caller', () => {
    const anonymous = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: '*' } }), 'trust');
    expect(formatTrace(evaluatePolicy(anonymous, { action: 'sts:AssumeRole', context: {} }).trace)[1]).toBe(
      'statement 0 (Deny): an anonymous caller matches NotPrincipal {"AWS":["111122223333"]}',
    );
    const identity = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b/*' } }), 'identity');
    expect(formatTrace(evaluatePolicy(identity, { action: 's3:GetObject', context: {} }).trace)).toEqual([
      'statement 0 (Allow): action "s3:GetObject" is not listed in NotAction ["iam:*"]',
      'statement 0 (Allow): resource (none) does not match Resource ["arn:aws:s3:::b/*"]',
      'statement 0 (Allow): does not apply',
      'decision: ImplicitDeny (no statement allows the request)',
    ]);
  });

  it('should word a step repeated across actions as it words it alone', () => {
    const memo = new Map();
    const pods = { ...request, action: 'sts:AssumeRole', principal: { type: 'Service' as const, identifiers: ['pods.eks.amazonaws.com'] } };
    const trace = [...evaluatePolicy(trustPolicy, pods, undefined, memo).trace, ...evaluatePolicy(trustPolicy, { ...pods, action: 'sts:TagSession' }, undefined, memo).trace];
    expect(new Set(trace).size).toBeLessThan(trace.length);
    expect(formatTrace(trace)).toEqual(trace.map((entry) => formatTrace([entry])[0]));
    expect(formatTrace(trace)).toEqual(formatTrace(trace));
  });
});
