import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deletePodIdentityAssociation } from '../eks/index.js';
import { clusterArn, newOidcId } from '../ids/index.js';
import { ensureClusterKey } from '../keys/index.js';
import type { SessionRecord } from '../store/index.js';
import { ACCOUNT, StsFixture } from '../sts/test-support.js';
import { assumeRoleForPodIdentity } from './assume-role-for-pod-identity.js';
import { CLUSTER_ARN, POD, POD_ROLE_ARN, associate, podToken, podTrust, putPodRole } from './test-support.js';
import type { PodTokenOptions } from './test-support.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

const call = async (token: string | Promise<string>, clusterName = 'c1') => assumeRoleForPodIdentity(fx, { clusterName, token: await token });
const SESSION_NAME = /^eks-c1-app-7d4b9c-x2x8q-[0-9a-f-]{36}$/;

describe('assumeRoleForPodIdentity', () => {
  it('should answer with the subject, association, assumed role and credentials', async () => {
    putPodRole(fx);
    const association = associate(fx);
    const out = await call(podToken(fx));
    expect(out).toEqual({
      subject: { namespace: 'default', serviceAccount: 'app' },
      audience: 'pods.eks.amazonaws.com',
      podIdentityAssociation: { associationArn: association.associationArn, associationId: association.associationId },
      assumedRoleUser: { arn: expect.stringMatching(/^arn:aws:sts::111122223333:assumed-role\/pod-role\/eks-c1-/), assumeRoleId: expect.stringMatching(/^AROA[A-Z2-7]+:eks-c1-/) },
      credentials: { accessKeyId: expect.stringMatching(/^ASIA/), secretAccessKey: expect.any(String), sessionToken: expect.any(String), expiration: new Date('2026-03-01T18:00:00Z') },
    });
    const sessionName = out.assumedRoleUser.arn.split('/').pop() as string;
    expect(sessionName).toMatch(SESSION_NAME);
    expect(sessionName.length).toBeLessThanOrEqual(64);
  });

  it('should set the six session tags as transitive principal tags of the session', async () => {
    putPodRole(fx);
    associate(fx);
    const out = await call(podToken(fx));
    const session = fx.store.sessions.open(out.credentials.accessKeyId, out.credentials.sessionToken) as SessionRecord;
    const tags = {
      'eks-cluster-arn': CLUSTER_ARN,
      'eks-cluster-name': 'c1',
      'kubernetes-namespace': 'default',
      'kubernetes-service-account': 'app',
      'kubernetes-pod-name': POD.name,
      'kubernetes-pod-uid': POD.uid,
    };
    expect(session.context).toEqual({ principalTags: tags, transitiveTagKeys: Object.keys(tags) });
    expect(session.roleArn).toBe(POD_ROLE_ARN);
  });

  it('should keep long pod names within the 64-character session name limit', async () => {
    putPodRole(fx);
    associate(fx);
    const out = await call(podToken(fx, { pod: { name: 'p'.repeat(63), uid: POD.uid } }));
    const sessionName = out.assumedRoleUser.arn.split('/').pop() as string;
    expect(sessionName).toHaveLength(64);
    expect(sessionName).toMatch(/^eks-c1-p+-[0-9a-f-]{36}$/);
  });

  it('should set no tags and need only sts:AssumeRole when the association disables session tags', async () => {
    putPodRole(fx, podTrust(undefined, ['sts:AssumeRole']));
    associate(fx, { disableSessionTags: true });
    const out = await call(podToken(fx));
    expect((fx.store.sessions.open(out.credentials.accessKeyId, out.credentials.sessionToken) as SessionRecord).context).toEqual({});
  });

  it('should honour the aws:SourceAccount and aws:SourceArn conditions of the seeds\' trust policy', async () => {
    putPodRole(fx, podTrust({ StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnEquals: { 'aws:SourceArn': CLUSTER_ARN } }));
    associate(fx);
    await expect(call(podToken(fx))).resolves.toMatchObject({ subject: { namespace: 'default' } });
  });

  it.each([
    ['a role that does not exist', () => undefined],
    ['a role trusting another principal', () => putPodRole(fx, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] })],
    ['a role trusting only sts:AssumeRole while tags are on', () => putPodRole(fx, podTrust(undefined, ['sts:AssumeRole']))],
    ['a role limited to another cluster', () => putPodRole(fx, podTrust({ ArnEquals: { 'aws:SourceArn': clusterArn('aws', 'us-east-1', ACCOUNT, 'other') } }))],
  ])('should answer %s with AccessDeniedException 400', async (_label, setup) => {
    setup();
    // Stored directly: CreatePodIdentityAssociation itself refuses a role that does not exist,
    // but the role can be deleted or its trust policy changed afterwards.
    fx.store.podIdentityAssociations.put({
      associationId: 'a-00000000000000000', accountId: ACCOUNT, clusterName: 'c1', namespace: 'default', serviceAccount: 'app', roleArn: POD_ROLE_ARN,
      associationArn: `arn:aws:eks:us-east-1:${ACCOUNT}:podidentityassociation/c1/a-00000000000000000`, tags: {}, disableSessionTags: false,
      targetRoleArn: null, externalId: null, policy: null, ownerArn: null, clientRequestToken: null, requestDigest: null, createdAt: fx.clock.now(), modifiedAt: fx.clock.now(),
    });
    await expect(call(podToken(fx))).rejects.toMatchObject({ code: 'AccessDeniedException', status: 400 });
  });
});

describe('assumeRoleForPodIdentity token and lookup errors', () => {
  beforeEach(() => {
    putPodRole(fx);
    associate(fx);
  });

  it.each<[string, PodTokenOptions]>([
    ['the wrong audience', { audiences: ['sts.amazonaws.com'] }],
    ['no pod claims', { pod: null }],
  ])('should answer a token with %s with InvalidTokenException', async (_label, options) => {
    await expect(call(podToken(fx, options))).rejects.toMatchObject({ code: 'InvalidTokenException', status: 400 });
  });

  it('should answer a token of another cluster with InvalidTokenException', async () => {
    fx.store.clusters.insert({ accountId: ACCOUNT, name: 'c2', arn: clusterArn('aws', 'us-east-1', ACCOUNT, 'c2'), oidcId: newOidcId(fx.deps.random), createdAt: fx.clock.now(), spec: {} });
    await ensureClusterKey(fx.store, fx.deps, 'c2');
    await expect(call(podToken(fx, { cluster: 'c2' }))).rejects.toMatchObject({ code: 'InvalidTokenException', message: 'The token included in the request is invalid.' });
  });

  it('should answer an expired token with ExpiredTokenException in the service\'s words', async () => {
    const token = await podToken(fx, { expirationSeconds: 600 });
    fx.clock.advance(601);
    await expect(call(token)).rejects.toMatchObject({
      code: 'ExpiredTokenException',
      status: 400,
      message: 'The token included in the request is expired: current date/time 2026-03-01T12:10:01Z must be before the expiration date/time 2026-03-01T12:10:00Z.',
    });
  });

  it('should answer a garbage token with InvalidTokenException', async () => {
    await expect(call('a.b.c')).rejects.toMatchObject({ code: 'InvalidTokenException' });
  });

  it('should answer an unknown cluster with ResourceNotFoundException 404', async () => {
    await expect(call(podToken(fx), 'nope')).rejects.toMatchObject({ code: 'ResourceNotFoundException', status: 404, message: 'No cluster found for name: nope.' });
  });

  it.each([
    ['a service account without association', async () => podToken(fx, { serviceAccount: 'other' })],
    ['a deleted association', async () => {
      const [a] = fx.store.podIdentityAssociations.list(ACCOUNT, 'c1');
      deletePodIdentityAssociation(fx, 'c1', a?.associationId as string);
      return podToken(fx);
    }],
  ])('should answer %s with ResourceNotFoundException 404', async (_label, token) => {
    await expect(call(token())).rejects.toMatchObject({ code: 'ResourceNotFoundException', status: 404 });
  });
});
