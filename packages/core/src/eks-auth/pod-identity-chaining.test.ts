import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../store/index.js';
import { assumeRole } from '../sts/assume-role.js';
import { ACCOUNT, StsFixture, statement } from '../sts/test-support.js';
import { assumeRoleForPodIdentity } from './assume-role-for-pod-identity.js';
import { POD_ROLE_ARN, associate, podToken, putPodRole } from './test-support.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
  putPodRole(fx);
});
afterEach(() => fx.close());

const TARGET = `arn:aws:iam::${ACCOUNT}:role/target`;
const PAYMENTS = `arn:aws:iam::${ACCOUNT}:role/payments-only`;
const EXTERNAL_ID = `us-east-1/${ACCOUNT}/c1/default/app`;

async function podCredentials(namespace = 'default') {
  return assumeRoleForPodIdentity(fx, { clusterName: 'c1', token: await podToken(fx, { namespace }) });
}

describe('assumeRoleForPodIdentity with a target role', () => {
  it('should chain into the target role with the association\'s externalId, keeping the session tags', async () => {
    // The target role's trust policy of the EKS user guide (pod-id-assign-target-role), naming the pod role.
    fx.putRole('target', statement({ AWS: POD_ROLE_ARN }, ['sts:AssumeRole', 'sts:TagSession'], { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } }));
    associate(fx, { targetRoleArn: TARGET });
    const out = await podCredentials();
    expect(out.assumedRoleUser.arn).toMatch(/^arn:aws:sts::111122223333:assumed-role\/target\/eks-c1-app-7d4b9c-x2x8q-/);
    // Role chaining caps the session at one hour (id_roles_use.html); EKS's agent caches target credentials 59 min.
    expect(out.credentials.expiration).toEqual(new Date('2026-03-01T13:00:00Z'));
    const session = fx.store.sessions.open(out.credentials.accessKeyId, out.credentials.sessionToken) as SessionRecord;
    expect(session.roleArn).toBe(TARGET);
    expect(session.context.principalTags?.['kubernetes-namespace']).toBe('default');
  });

  it.each([
    ['requires another externalId', statement({ AWS: POD_ROLE_ARN }, ['sts:AssumeRole', 'sts:TagSession'], { StringEquals: { 'sts:ExternalId': 'other' } })],
    ['does not allow sts:TagSession for the transitive tags', statement({ AWS: POD_ROLE_ARN }, 'sts:AssumeRole')],
  ])('should answer AccessDeniedException 400 when the target trust policy %s', async (_label, trust) => {
    fx.putRole('target', trust);
    associate(fx, { targetRoleArn: TARGET });
    await expect(podCredentials()).rejects.toMatchObject({ code: 'AccessDeniedException', status: 400, message: expect.stringContaining('sts:') });
  });
});

describe('assumeRoleForPodIdentity with an association policy', () => {
  const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

  it('should give the pod\'s session the policy as its session policy', async () => {
    putPodRole(fx, statement({ Service: 'pods.eks.amazonaws.com' }, 'sts:AssumeRole'));
    associate(fx, { disableSessionTags: true, policy: POLICY });
    const out = await podCredentials();
    expect((fx.store.sessions.open(out.credentials.accessKeyId, out.credentials.sessionToken) as SessionRecord).context).toEqual({ sessionPolicy: POLICY });
  });

  it('should apply the policy to the target role\'s session only', async () => {
    putPodRole(fx, statement({ Service: 'pods.eks.amazonaws.com' }, 'sts:AssumeRole'));
    fx.putRole('target', statement({ AWS: POD_ROLE_ARN }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } }));
    associate(fx, { disableSessionTags: true, policy: POLICY, targetRoleArn: TARGET });
    const out = await podCredentials();
    const session = fx.store.sessions.open(out.credentials.accessKeyId, out.credentials.sessionToken) as SessionRecord;
    expect([session.roleArn, session.context]).toEqual([TARGET, { sessionPolicy: POLICY }]);
  });
});

describe('session tags as principal tags (ABAC)', () => {
  beforeEach(() => {
    // A second role only pods of the payments namespace may assume, whatever role they run as.
    fx.putRole('payments-only', statement({ AWS: POD_ROLE_ARN }, ['sts:AssumeRole', 'sts:TagSession'], { StringEquals: { 'aws:PrincipalTag/kubernetes-namespace': 'payments' } }));
    associate(fx, { namespace: 'payments' });
    associate(fx, { namespace: 'default' });
  });

  async function assumePaymentsFrom(namespace: string) {
    const out = await podCredentials(namespace);
    const session = fx.store.sessions.open(out.credentials.accessKeyId, out.credentials.sessionToken) as SessionRecord;
    return assumeRole(fx, fx.as(session), { RoleArn: PAYMENTS, RoleSessionName: 'abac' });
  }

  it('should let a pod in payments assume the role, passing its tags on transitively', async () => {
    const result = await assumePaymentsFrom('payments');
    const chained = fx.store.sessions.open(result.Credentials.AccessKeyId, result.Credentials.SessionToken) as SessionRecord;
    expect(chained.context.principalTags).toMatchObject({ 'kubernetes-namespace': 'payments', 'eks-cluster-name': 'c1' });
    expect(chained.context.transitiveTagKeys).toHaveLength(6);
  });

  it('should deny a pod of any other namespace with STS AccessDenied', async () => {
    const run = assumePaymentsFrom('default');
    await expect(run).rejects.toMatchObject({ code: 'AccessDenied', status: 403 });
    await expect(run).rejects.toThrow(/is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role\/payments-only$/);
  });
});
