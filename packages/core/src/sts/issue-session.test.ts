import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountIdFromAccessKeyId } from '../ids/index.js';
import { issueRoleSession } from './issue-session.js';
import { ACCOUNT, StsFixture, statement } from './test-support.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

describe('issueRoleSession', () => {
  it('mints account-bound credentials, seals the session in its token and expires it after the duration', () => {
    fx.clock.set('2026-03-01T12:00:00.750Z');
    const role = fx.putRole('r', statement({ AWS: ACCOUNT }, 'sts:AssumeRole'));
    const context = { principalTags: { 'eks-cluster-name': 'c1' }, transitiveTagKeys: ['eks-cluster-name'] };
    const { credentials, assumedRoleUser, session } = issueRoleSession(fx, { role, sessionName: 'eks-c1-pod', durationSeconds: 900, context });

    expect(accountIdFromAccessKeyId(credentials.AccessKeyId)).toBe(ACCOUNT);
    expect(credentials.SessionToken).toMatch(/^IQoJb3JpZ2luX2Vj/);
    // Whole seconds, as AWS reports Expiration.
    expect(credentials.Expiration.toISOString()).toBe('2026-03-01T12:15:00.000Z');
    expect(assumedRoleUser).toEqual({ AssumedRoleId: `${role.roleId}:eks-c1-pod`, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/r/eks-c1-pod` });
    expect(fx.store.sessions.open(credentials.AccessKeyId, credentials.SessionToken)).toEqual(session);
    expect(session).toMatchObject({ secretAccessKey: credentials.SecretAccessKey, roleArn: role.arn, context });
  });

  it('hands out credentials that open to no session on a dry run (eksid explain)', () => {
    const role = fx.putRole('r', statement({ AWS: ACCOUNT }, 'sts:AssumeRole'));
    const { credentials } = issueRoleSession({ ...fx, dryRun: true }, { role, sessionName: 's', durationSeconds: 900, context: {} });
    expect(credentials.SessionToken).toMatch(/^IQoJb3JpZ2luX2Vj/);
    expect(fx.store.sessions.open(credentials.AccessKeyId, credentials.SessionToken)).toBeUndefined();
  });

  it.each([0, -1, 1.5])('treats durationSeconds %s as a caller bug', (durationSeconds) => {
    const role = fx.putRole('r', statement({ AWS: ACCOUNT }, 'sts:AssumeRole'));
    expect(() => issueRoleSession(fx, { role, sessionName: 's', durationSeconds, context: {} })).toThrow(TypeError);
  });
});
