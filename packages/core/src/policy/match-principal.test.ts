import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicyDocument } from './index.js';
import type { DecisionEffect, Principal } from './index.js';

type Case = [name: string, statement: object, action: string, caller: Principal | undefined, expected: DecisionEffect];

const trust = (statement: object) => parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }), 'trust');

const PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC';
const oidc: Principal = { type: 'Federated', identifiers: [PROVIDER] };
const session: Principal = {
  type: 'AWS',
  identifiers: ['arn:aws:sts::111122223333:assumed-role/Dev/alice', 'arn:aws:iam::111122223333:role/Dev'],
  accountId: '111122223333',
};
const user: Principal = { type: 'AWS', identifiers: ['arn:aws:iam::444455556666:user/bob'], accountId: '444455556666' };
const pods: Principal = { type: 'Service', identifiers: ['pods.eks.amazonaws.com'] };

const allow = (principal: unknown, action: string | string[] = 'sts:AssumeRole') => ({ Effect: 'Allow', Principal: principal, Action: action });
const ROLE_DEV = 'arn:aws:iam::111122223333:role/Dev';

describe('trust policy principals', () => {
  it.each<Case>([
    ['IRSA: Federated provider ARN', allow({ Federated: PROVIDER }, 'sts:AssumeRoleWithWebIdentity'), 'sts:AssumeRoleWithWebIdentity', oidc, 'Allow'],
    ['IRSA: another provider', allow({ Federated: PROVIDER.replace('ABC', 'XYZ') }, 'sts:AssumeRoleWithWebIdentity'), 'sts:AssumeRoleWithWebIdentity', oidc, 'ImplicitDeny'],
    ['IRSA: action must still match', allow({ Federated: PROVIDER }), 'sts:AssumeRoleWithWebIdentity', oidc, 'ImplicitDeny'],
    ['Federated host form', allow({ Federated: 'accounts.google.com' }, 'sts:AssumeRoleWithWebIdentity'), 'sts:AssumeRoleWithWebIdentity', { type: 'Federated', identifiers: ['accounts.google.com'] }, 'Allow'],
    ['Pod Identity: Service with AssumeRole and TagSession', allow({ Service: 'pods.eks.amazonaws.com' }, ['sts:AssumeRole', 'sts:TagSession']), 'sts:TagSession', pods, 'Allow'],
    ['Pod Identity: another service', allow({ Service: 'ec2.amazonaws.com' }), 'sts:AssumeRole', pods, 'ImplicitDeny'],
    ['a Service principal does not satisfy an AWS entry', allow({ AWS: '*' }), 'sts:AssumeRole', pods, 'ImplicitDeny'],
    ['"*" matches a service', allow('*'), 'sts:AssumeRole', pods, 'Allow'],
    ['"*" matches an anonymous caller', allow('*'), 'sts:AssumeRole', undefined, 'Allow'],
    ['a named principal never matches an anonymous caller', allow({ AWS: '111122223333' }), 'sts:AssumeRole', undefined, 'ImplicitDeny'],
    ['AWS "*" matches any AWS principal', allow({ AWS: '*' }), 'sts:AssumeRole', user, 'Allow'],
    ['AWS role ARN matches a session of the role', allow({ AWS: ROLE_DEV }), 'sts:AssumeRole', session, 'Allow'],
    ['AWS assumed-role ARN matches that session', allow({ AWS: 'arn:aws:sts::111122223333:assumed-role/Dev/alice' }), 'sts:AssumeRole', session, 'Allow'],
    ['AWS another role', allow({ AWS: 'arn:aws:iam::111122223333:role/Ops' }), 'sts:AssumeRole', session, 'ImplicitDeny'],
    ['AWS account id matches any principal of the account', allow({ AWS: '111122223333' }), 'sts:AssumeRole', session, 'Allow'],
    ['AWS account root ARN matches any principal of the account', allow({ AWS: 'arn:aws:iam::444455556666:root' }), 'sts:AssumeRole', user, 'Allow'],
    ['AWS another account', allow({ AWS: '111122223333' }), 'sts:AssumeRole', user, 'ImplicitDeny'],
    ['AWS list ORs', allow({ AWS: ['arn:aws:iam::111122223333:role/Ops', 'arn:aws:iam::444455556666:user/bob'] }), 'sts:AssumeRole', user, 'Allow'],
    ['several principal types OR', allow({ Service: 'ec2.amazonaws.com', Federated: PROVIDER }), 'sts:AssumeRole', oidc, 'Allow'],
    ['Principal ARN matching is exact, without wildcards', allow({ AWS: 'arn:aws:iam::111122223333:role/De' }), 'sts:AssumeRole', session, 'ImplicitDeny'],
    [
      'NotPrincipal Deny spares a caller all of whose identities are listed',
      { Effect: 'Deny', NotPrincipal: { AWS: [ROLE_DEV, 'arn:aws:sts::111122223333:assumed-role/Dev/alice', '111122223333'] }, Action: 'sts:AssumeRole' },
      'sts:AssumeRole', session, 'ImplicitDeny',
    ],
    [
      'NotPrincipal Deny still hits a session when only the role is listed',
      { Effect: 'Deny', NotPrincipal: { AWS: ROLE_DEV }, Action: 'sts:AssumeRole' },
      'sts:AssumeRole', session, 'ExplicitDeny',
    ],
    ['NotPrincipal Deny hits an unlisted caller', { Effect: 'Deny', NotPrincipal: { AWS: ROLE_DEV }, Action: 'sts:AssumeRole' }, 'sts:AssumeRole', user, 'ExplicitDeny'],
    ['NotPrincipal Allow grants an unlisted service', { Effect: 'Allow', NotPrincipal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }, 'sts:AssumeRole', pods, 'Allow'],
    ['NotPrincipal Allow skips a listed service', { Effect: 'Allow', NotPrincipal: { Service: 'pods.eks.amazonaws.com' }, Action: 'sts:AssumeRole' }, 'sts:AssumeRole', pods, 'ImplicitDeny'],
  ])('%s', (_name, statement, action, caller, expected) => {
    expect(evaluatePolicy(trust(statement), { action, principal: caller, context: {} }).effect).toBe(expected);
  });

  it('evaluates an IRSA trust policy with its sub and aud conditions', () => {
    const doc = trust({
      ...allow({ Federated: PROVIDER }, 'sts:AssumeRoleWithWebIdentity'),
      Condition: { StringEquals: { 'oidc.eks.us-west-2.amazonaws.com/id/ABC:sub': 'system:serviceaccount:default:app', 'oidc.eks.us-west-2.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' } },
    });
    const request = (sub: string) => ({
      action: 'sts:AssumeRoleWithWebIdentity',
      principal: oidc,
      context: { 'oidc.eks.us-west-2.amazonaws.com/id/ABC:sub': sub, 'oidc.eks.us-west-2.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' },
    });
    expect(evaluatePolicy(doc, request('system:serviceaccount:default:app')).effect).toBe('Allow');
    expect(evaluatePolicy(doc, request('system:serviceaccount:default:other')).effect).toBe('ImplicitDeny');
  });
});
