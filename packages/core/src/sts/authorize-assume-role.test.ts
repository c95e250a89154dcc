import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorizeAssumeRole } from './authorize-assume-role.js';
import { ACCOUNT, StsFixture, statement } from './test-support.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

const podIdentity = { type: 'Service' as const, identifiers: ['pods.eks.amazonaws.com'] };

describe('authorizeAssumeRole', () => {
  it('allows only when every action is allowed, naming the first that is not', () => {
    const role = fx.putRole('r', statement({ Service: 'pods.eks.amazonaws.com' }, 'sts:AssumeRole'));
    const ok = authorizeAssumeRole({ role, actions: ['sts:AssumeRole'], principal: podIdentity, context: {} });
    expect(ok).toMatchObject({ effect: 'Allow', action: 'sts:AssumeRole' });

    const decision = authorizeAssumeRole({ role, actions: ['sts:AssumeRole', 'sts:TagSession'], principal: podIdentity, context: {} });
    expect(decision).toMatchObject({ effect: 'ImplicitDeny', action: 'sts:TagSession' });
    expect(decision.trace.filter((t) => t.kind === 'decision').map((t) => t.kind === 'decision' && t.effect)).toEqual(['Allow', 'ImplicitDeny']);
  });

  it('reports an explicit deny', () => {
    const role = fx.putRole('r', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
      ],
    });
    const principal = { type: 'AWS' as const, identifiers: [`arn:aws:iam::${ACCOUNT}:root`], accountId: ACCOUNT };
    expect(authorizeAssumeRole({ role, actions: ['sts:AssumeRole'], principal, context: { 'aws:SourceIp': '10.1.2.3' } }).effect).toBe('Allow');
    expect(authorizeAssumeRole({ role, actions: ['sts:AssumeRole'], principal, context: { 'aws:SourceIp': '192.0.2.1' } }).effect).toBe('ExplicitDeny');
  });

  it('trusts nobody when the stored trust policy does not parse', () => {
    const role = { ...fx.putRole('r', statement('*', 'sts:AssumeRole')), assumeRolePolicy: '{' };
    expect(authorizeAssumeRole({ role, actions: ['sts:AssumeRole'], principal: podIdentity, context: {} }).effect).toBe('ImplicitDeny');
  });
});
