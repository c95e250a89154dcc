import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenIdConnectProvider } from './oidc-providers.js';
import { updateAssumeRolePolicy } from './role-updates.js';
import { createRole } from './roles.js';
import { TRUST_POLICY, expectAwsError, iamTestContext } from './test-support.js';
import type { IamTestContext } from './test-support.js';

let ctx: IamTestContext;
beforeEach(() => {
  ctx = iamTestContext();
});
afterEach(() => ctx.close());

const trust = (principal: Record<string, string>, action: string | string[] = 'sts:AssumeRole') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: action }] });

describe('trust policy actions', () => {
  it.each([['sts:AssumeRole'], ['sts:AssumeRoleWithWebIdentity'], [['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']], ['sts:*'], ['sts:Assume*'], ['*'], ['STS:assumerole']])('takes %j', (action) => {
    expect(createRole(ctx, { roleName: 'r', assumeRolePolicyDocument: trust({ Service: 'pods.eks.amazonaws.com' }, action) }).name).toBe('r');
  });

  it.each([['s3:GetObject'], [['sts:AssumeRole', 'iam:PassRole']], ['sts:GetCallerIdentity'], ['sts:Get*']])('refuses %j as IAM does', (action) => {
    expectAwsError(() => createRole(ctx, { roleName: 'r', assumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }, action) }), 'MalformedPolicyDocument', 400, 'AssumeRole policy may only specify STS AssumeRole actions.');
  });
});

describe('trust policy principals', () => {
  it('refuses a role of this account that does not exist, naming it as IAM does', () => {
    const missing = 'arn:aws:iam::000000000000:role/missing';
    expectAwsError(() => createRole(ctx, { roleName: 'r', assumeRolePolicyDocument: trust({ AWS: missing }) }), 'MalformedPolicyDocument', 400, `Invalid principal in policy: "AWS":"${missing}"`);
  });

  it('takes a role once it exists, at its exact path', () => {
    createRole(ctx, { roleName: 'caller', path: '/team/', assumeRolePolicyDocument: TRUST_POLICY });
    expect(createRole(ctx, { roleName: 'r', assumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::000000000000:role/team/caller' }) }).name).toBe('r');
    expectAwsError(() => createRole(ctx, { roleName: 'r2', assumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::000000000000:role/caller' }) }), 'MalformedPolicyDocument', 400, 'Invalid principal in policy: "AWS":"arn:aws:iam::000000000000:role/caller"');
  });

  it('refuses an OIDC provider that does not exist, and takes it once created', () => {
    const provider = 'arn:aws:iam::000000000000:oidc-provider/oidc.example.com/id/ABC';
    const doc = trust({ Federated: provider }, 'sts:AssumeRoleWithWebIdentity');
    expectAwsError(() => createRole(ctx, { roleName: 'r', assumeRolePolicyDocument: doc }), 'MalformedPolicyDocument', 400, `Invalid principal in policy: "Federated":"${provider}"`);
    createOpenIdConnectProvider(ctx, { url: 'https://oidc.example.com/id/ABC', clientIds: ['sts.amazonaws.com'] });
    expect(createRole(ctx, { roleName: 'r', assumeRolePolicyDocument: doc }).name).toBe('r');
  });

  it('refuses IAM users of this account (eksid has none)', () => {
    expectAwsError(() => createRole(ctx, { roleName: 'r', assumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::000000000000:user/alice' }) }), 'MalformedPolicyDocument', 400, 'Invalid principal in policy: "AWS":"arn:aws:iam::000000000000:user/alice"');
  });

  it.each([
    ['an account id', { AWS: '000000000000' }],
    ['the account root', { AWS: 'arn:aws:iam::000000000000:root' }],
    ['a role of another account', { AWS: 'arn:aws:iam::111122223333:role/elsewhere' }],
    ['an assumed-role session', { AWS: 'arn:aws:sts::000000000000:assumed-role/any/session' }],
    ['a domain-named federated principal', { Federated: 'accounts.google.com' }],
  ])('takes %s without looking it up', (_, principal) => {
    expect(createRole(ctx, { roleName: 'r', assumeRolePolicyDocument: trust(principal) }).name).toBe('r');
  });

  it('checks UpdateAssumeRolePolicy the same way', () => {
    createRole(ctx, { roleName: 'r', assumeRolePolicyDocument: TRUST_POLICY });
    expectAwsError(() => updateAssumeRolePolicy(ctx, { roleName: 'r', policyDocument: trust({ AWS: 'arn:aws:iam::000000000000:role/gone' }) }), 'MalformedPolicyDocument', 400, 'Invalid principal in policy: "AWS":"arn:aws:iam::000000000000:role/gone"');
  });
});
