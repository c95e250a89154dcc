import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../eks/errors.js';
import { associate, podToken, putPodRole } from '../eks-auth/test-support.js';
import { StsFixture, statement } from '../sts/test-support.js';
import { explainDecision } from './explain.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

const failedLines = (trace: readonly { ok: boolean | null; text: string }[]) => trace.filter((l) => l.ok === false).map((l) => l.text);

describe('explainDecision', () => {
  it('allows a service account its IRSA role', async () => {
    fx.putRole('app', fx.irsaTrust());
    const out = await explainDecision(fx, { role: 'app', cluster: 'c1', namespace: 'default', serviceAccount: 'app' });
    expect(out).toMatchObject({ outcome: 'allowed', source: 'sts', action: 'AssumeRoleWithWebIdentity', errorCode: null, caller: 'system:serviceaccount:default:app', cluster: 'c1', namespace: 'default', serviceAccount: 'app', role: 'arn:aws:iam::111122223333:role/app', detail: { dryRun: true } });
    expect(failedLines(out.trace)).toEqual([]);
  });

  it('names the sub condition that refused another service account', async () => {
    fx.putRole('app', fx.irsaTrust());
    const out = await explainDecision(fx, { role: 'arn:aws:iam::111122223333:role/app', cluster: 'c1', namespace: 'default', serviceAccount: 'intruder' });
    expect(out.outcome).toBe('denied');
    expect(out.errorCode).toBe('AccessDenied');
    expect(failedLines(out.trace)).toContain(`statement 0 (Allow): condition StringEquals ${fx.hostPath}:sub: "system:serviceaccount:default:intruder" not in ["system:serviceaccount:default:app"]`);
  });

  it('judges a given token as is and names the failed token check', async () => {
    fx.putRole('app', fx.irsaTrust());
    const out = await explainDecision(fx, { role: 'app', token: await fx.mint({ audiences: ['sts'] }) });
    expect(out.errorCode).toBe('InvalidIdentityToken');
    expect(failedLines(out.trace)[0]).toBe('token aud check: aud ["sts"] not in client ids ["sts.amazonaws.com"]');
  });

  it('takes the Pod Identity path when the service account has an association, finding the cluster from the token', async () => {
    putPodRole(fx);
    associate(fx);
    const bySa = await explainDecision(fx, { cluster: 'c1', namespace: 'default', serviceAccount: 'app' });
    expect(bySa).toMatchObject({ outcome: 'allowed', source: 'eks-auth', action: 'AssumeRoleForPodIdentity', role: 'arn:aws:iam::111122223333:role/pod-role' });
    const byToken = await explainDecision(fx, { token: await podToken(fx) });
    expect(byToken.outcome).toBe('allowed');
  });

  it('explains a Pod Identity role that does not trust the service', async () => {
    putPodRole(fx, statement({ Service: 'ec2.amazonaws.com' }, ['sts:AssumeRole', 'sts:TagSession']));
    associate(fx);
    const out = await explainDecision(fx, { cluster: 'c1', namespace: 'default', serviceAccount: 'app' });
    expect(out.errorCode).toBe('AccessDeniedException');
    expect(failedLines(out.trace)).toContain('statement 0 (Allow): Service ["pods.eks.amazonaws.com"] does not match Principal {"Service":["ec2.amazonaws.com"]}');
  });

  it.each([
    ['a token without a role', { token: 'a.b.c' }],
    ['a service account without association or annotation and no role', { cluster: 'c1', namespace: 'default', serviceAccount: 'app' }],
    ['neither a token nor a service account', { role: 'app' }],
  ])('refuses %s with InvalidParameterException', async (_name, request) => {
    await expect(explainDecision(fx, request)).rejects.toBeInstanceOf(InvalidParameterError);
  });
});
