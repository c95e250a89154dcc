import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assumeRole } from './assume-role.js';
import { ROLE_MESSAGES } from './role-target.js';
import { TAG_MESSAGES } from './session-tags.js';
import { ACCOUNT, START, StsFixture, statement } from './test-support.js';
import type { AssumeRoleInput } from './types.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const TARGET = `arn:aws:iam::${ACCOUNT}:role/target`;
const asRoot = (input: Partial<AssumeRoleInput> = {}) => assumeRole(fx, fx.root(), { RoleArn: TARGET, RoleSessionName: 's1', ...input });
const denied = (action: string, caller = ROOT, resource = TARGET) => `User: ${caller} is not authorized to perform: ${action} on resource: ${resource}`;

describe('assumeRole', () => {
  it('lets root credentials assume a role that trusts the account', () => {
    const role = fx.putRole('target', statement({ AWS: ROOT }, 'sts:AssumeRole'));
    const result = asRoot();
    expect(result.AssumedRoleUser).toEqual({ AssumedRoleId: `${role.roleId}:s1`, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/target/s1` });
    expect(result.Credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(result.Credentials.Expiration).toEqual(new Date(Date.parse(START) + 3600_000));
    expect(result).not.toHaveProperty('PackedPolicySize');
    expect(result).not.toHaveProperty('SourceIdentity');
    expect(fx.store.sessions.open(result.Credentials.AccessKeyId, result.Credentials.SessionToken)).toMatchObject({ roleArn: role.arn, sessionName: 's1', context: {} });
  });

  it('accepts a bare account id as the trusted principal', () => {
    fx.putRole('target', statement({ AWS: ACCOUNT }, 'sts:AssumeRole'));
    expect(asRoot().AssumedRoleUser.Arn).toContain('assumed-role/target/s1');
  });

  it('keeps the role path out of the assumed-role ARN', () => {
    fx.putRole('target', statement({ AWS: ROOT }, 'sts:AssumeRole'), { path: '/team/' });
    expect(asRoot({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/team/target` }).AssumedRoleUser.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/target/s1`);
  });

  it('sets session tags when the trust policy also allows sts:TagSession', () => {
    fx.putRole('target', statement({ AWS: ROOT }, ['sts:AssumeRole', 'sts:TagSession'], {
      StringEquals: { 'aws:RequestTag/Project': 'Unicorn' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['Project', 'Team'], 'sts:TransitiveTagKeys': ['Project'] },
    }));
    const result = asRoot({ Tags: [{ Key: 'Project', Value: 'Unicorn' }, { Key: 'Team', Value: 'Blue' }], TransitiveTagKeys: ['project'] });
    expect(result.PackedPolicySize).toBeGreaterThan(0);
    expect(fx.store.sessions.open(result.Credentials.AccessKeyId, result.Credentials.SessionToken)?.context).toEqual({
      principalTags: { Project: 'Unicorn', Team: 'Blue' },
      transitiveTagKeys: ['Project'],
    });
  });

  it('checks ExternalId and RoleSessionName conditions', () => {
    fx.putRole('target', statement({ AWS: ROOT }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'Example987' }, StringLike: { 'sts:RoleSessionName': 'ci-*' } }));
    expect(asRoot({ ExternalId: 'Example987', RoleSessionName: 'ci-1' }).AssumedRoleUser.Arn).toContain('/ci-1');
    expect(() => asRoot({ ExternalId: 'wrong', RoleSessionName: 'ci-1' })).toThrow(denied('sts:AssumeRole'));
    expect(() => asRoot({ RoleSessionName: 'ci-1' })).toThrow(denied('sts:AssumeRole'));
    expect(() => asRoot({ ExternalId: 'Example987', RoleSessionName: 'dev' })).toThrow(denied('sts:AssumeRole'));
  });

  it('offers the target role tags as aws:ResourceTag', () => {
    fx.putRole('target', statement({ AWS: ROOT }, 'sts:AssumeRole', { StringEquals: { 'aws:ResourceTag/env': 'dev' } }), { tags: [{ Key: 'env', Value: 'dev' }] });
    expect(() => asRoot()).not.toThrow();
  });

  type Case = [name: string, setup: () => Partial<AssumeRoleInput>, code: string, status: number, message: string];
  const cases: Case[] = [
    ['a trust policy naming another account', () => {
      fx.putRole('target', statement({ AWS: '444455556666' }, 'sts:AssumeRole'));
      return {};
    }, 'AccessDenied', 403, denied('sts:AssumeRole')],
    ['a trust policy for another action', () => {
      fx.putRole('target', statement({ AWS: ROOT }, 'sts:AssumeRoleWithWebIdentity'));
      return {};
    }, 'AccessDenied', 403, denied('sts:AssumeRole')],
    ['a role that does not exist', () => ({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/nope` }), 'AccessDenied', 403, denied('sts:AssumeRole', ROOT, `arn:aws:iam::${ACCOUNT}:role/nope`)],
    ['tags without sts:TagSession', () => {
      fx.putRole('target', statement({ AWS: ROOT }, 'sts:AssumeRole'));
      return { Tags: [{ Key: 'a', Value: 'b' }] };
    }, 'AccessDenied', 403, denied('sts:TagSession')],
    ['a source identity without sts:SetSourceIdentity', () => {
      fx.putRole('target', statement({ AWS: ROOT }, 'sts:AssumeRole'));
      return { SourceIdentity: 'alice' };
    }, 'AccessDenied', 403, denied('sts:SetSourceIdentity')],
    ['DurationSeconds over the role maximum', () => {
      fx.putRole('target', statement({ AWS: ROOT }, 'sts:AssumeRole'));
      return { DurationSeconds: 7200 };
    }, 'ValidationError', 400, ROLE_MESSAGES.overRoleMax],
    ['tag keys repeated in another case', () => {
      fx.putRole('target', statement({ AWS: ROOT }, ['sts:AssumeRole', 'sts:TagSession']));
      return { Tags: [{ Key: 'Team', Value: 'a' }, { Key: 'team', Value: 'b' }] };
    }, 'InvalidParameterValue', 400, TAG_MESSAGES.duplicate],
    ['a transitive key that is not a requested tag', () => {
      fx.putRole('target', statement({ AWS: ROOT }, ['sts:AssumeRole', 'sts:TagSession']));
      return { Tags: [{ Key: 'Team', Value: 'a' }], TransitiveTagKeys: ['Project'] };
    }, 'InvalidParameterValue', 400, TAG_MESSAGES.transitiveNotRequested],
    ['a malformed session policy', () => {
      fx.putRole('target', statement({ AWS: ROOT }, 'sts:AssumeRole'));
      return { Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}' };
    }, 'MalformedPolicyDocument', 400, 'Policy statement must contain resources.'],
    ['an ARN that is not a role ARN', () => ({ RoleArn: 'arn:aws:s3:::bucket-name-here' }), 'ValidationError', 400, 'Request ARN is invalid'],
    ['a RoleArn that is not an ARN', () => ({ RoleArn: 'arn:aws:iam:123456789012:role/x' }), 'ValidationError', 400, 'arn:aws:iam:123456789012:role/x is invalid'],
  ];

  it.each(cases)('rejects %s', (_name, setup, code, status, message) => {
    expect(() => asRoot(setup())).toThrow(expect.objectContaining({ code, status, message }));
  });

  it('answers an unsigned caller with MissingAuthenticationToken', () => {
    fx.putRole('target', statement('*', 'sts:AssumeRole'));
    expect(() => assumeRole(fx, fx.anonymous(), { RoleArn: TARGET, RoleSessionName: 's1' })).toThrow(
      expect.objectContaining({ code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' }),
    );
  });

  it('rejects a packed size over 100% with PackedPolicyTooLarge', () => {
    fx.putRole('target', statement({ AWS: ROOT }, ['sts:AssumeRole', 'sts:TagSession']));
    // Random text does not compress, so 50 maximal tags overflow the packed limit.
    const noise = (n: number) => randomBytes(n).toString('hex').slice(0, n);
    const Tags = Array.from({ length: 50 }, () => ({ Key: noise(128), Value: noise(256) }));
    expect(() => asRoot({ Tags })).toThrow(/^Packed size of session tags consumes \d+% of allotted space\.$/);
  });
});
