import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountIdFromAccessKeyId } from '../ids/index.js';
import type { SessionRecord } from '../store/index.js';
import { assumeRole } from './assume-role.js';
import { decodeAuthorizationMessage } from './decode-authorization-message.js';
import { getAccessKeyInfo } from './access-key-info.js';
import { getSessionToken } from './get-session-token.js';
import { ACCOUNT, START, StsFixture, statement } from './test-support.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

const denied = (code: string, status: number, message: string) => expect.objectContaining({ code, status, message });

describe('getSessionToken', () => {
  it("issues ASIA credentials of the caller's account for 12 hours by default, sealed as the root's session", () => {
    const { Credentials } = getSessionToken(fx, fx.root(), {});
    expect(Credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(accountIdFromAccessKeyId(Credentials.AccessKeyId)).toBe(ACCOUNT);
    expect(Credentials.Expiration).toEqual(new Date(Date.parse(START) + 43_200_000));
    const session = fx.store.sessions.open(Credentials.AccessKeyId, Credentials.SessionToken);
    expect(session).toMatchObject({ root: true, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT, secretAccessKey: Credentials.SecretAccessKey });
  });

  it('honours DurationSeconds and accepts MFA members unchecked', () => {
    const { Credentials } = getSessionToken(fx, fx.root(), { DurationSeconds: 900, SerialNumber: 'arn:aws:iam::111122223333:mfa/me', TokenCode: '123456' });
    expect(Credentials.Expiration).toEqual(new Date(Date.parse(START) + 900_000));
  });

  it('refuses session credentials: role sessions and its own', () => {
    const role = fx.putRole('r', statement({ AWS: ACCOUNT }, 'sts:AssumeRole'));
    const issued = assumeRole(fx, fx.root(), { RoleArn: role.arn, RoleSessionName: 'me' });
    const session = fx.store.sessions.open(issued.Credentials.AccessKeyId, issued.Credentials.SessionToken) as SessionRecord;
    expect(() => getSessionToken(fx, fx.as(session), {})).toThrow(denied('AccessDenied', 403, 'Cannot call GetSessionToken with session credentials'));
    const temporary = { caller: { kind: 'root' as const, accountId: ACCOUNT, accessKeyId: 'ASIAX', temporary: true as const }, sourceIp: '10.0.0.1' };
    expect(() => getSessionToken(fx, temporary, {})).toThrow(denied('AccessDenied', 403, 'Cannot call GetSessionToken with session credentials'));
  });

  it('answers an unsigned request with MissingAuthenticationToken', () => {
    expect(() => getSessionToken(fx, fx.anonymous(), {})).toThrow(denied('MissingAuthenticationToken', 403, 'Request is missing Authentication Token'));
  });
});

describe('getAccessKeyInfo', () => {
  it.each([
    ['a key eksid issued', () => getSessionToken(fx, fx.root(), {}).Credentials.AccessKeyId, ACCOUNT],
    ['a new-generation key of another account, issued elsewhere', () => 'ASIAY34FZKBOKMUTVV7A', '609629065308'],
    ['an old-style key that carries no account', () => 'AKIAIOSFODNN7EXAMPLE', ACCOUNT],
  ])('answers the account of %s', (_what, key, account) => {
    expect(getAccessKeyInfo(fx, fx.root(), { AccessKeyId: key() })).toEqual({ Account: account });
  });
});

describe('decodeAuthorizationMessage', () => {
  it('answers InvalidAuthorizationMessageException for any message: eksid encodes none', () => {
    expect(() => decodeAuthorizationMessage(fx, fx.root(), { EncodedMessage: 'abc' })).toThrow(
      denied('InvalidAuthorizationMessageException', 400, 'The message passed to DecodeAuthorizationMessage was invalid.'),
    );
  });
});
