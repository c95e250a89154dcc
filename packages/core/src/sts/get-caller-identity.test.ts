import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assumeRole } from './assume-role.js';
import { getCallerIdentity } from './get-caller-identity.js';
import { ACCOUNT, StsFixture, statement } from './test-support.js';
import type { SessionRecord } from '../store/index.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

describe('getCallerIdentity', () => {
  it('describes root credentials as the account', () => {
    expect(getCallerIdentity(fx, fx.root())).toEqual({ UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });
  });

  it('describes a role session by its assumed-role ARN and role id', () => {
    const role = fx.putRole('r', statement({ AWS: ACCOUNT }, 'sts:AssumeRole'));
    const issued = assumeRole(fx, fx.root(), { RoleArn: role.arn, RoleSessionName: 'me' });
    const session = fx.store.sessions.open(issued.Credentials.AccessKeyId, issued.Credentials.SessionToken) as SessionRecord;
    expect(getCallerIdentity(fx, fx.as(session))).toEqual({ UserId: `${role.roleId}:me`, Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/r/me` });
  });

  it('answers an unsigned request with MissingAuthenticationToken', () => {
    expect(() => getCallerIdentity(fx, fx.anonymous())).toThrow(
      expect.objectContaining({ code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' }),
    );
  });
});
