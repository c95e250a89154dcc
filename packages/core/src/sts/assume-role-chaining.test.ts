import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRoleId, policyArn } from '../ids/index.js';
import type { SessionRecord } from '../store/index.js';
import { assumeRole } from './assume-role.js';
import { ROLE_MESSAGES } from './role-target.js';
import { TAG_MESSAGES } from './session-tags.js';
import { ACCOUNT, StsFixture, identityPolicy, statement } from './test-support.js';
import type { RoleOptions } from './test-support.js';
import type { AssumeRoleInput } from './types.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const A = `arn:aws:iam::${ACCOUNT}:role/a`;
const B = `arn:aws:iam::${ACCOUNT}:role/b`;
const SESSION_A = `arn:aws:sts::${ACCOUNT}:assumed-role/a/sa`;
const denied = (action: string, resource = B) => `User: ${SESSION_A} is not authorized to perform: ${action} on resource: ${resource}`;

/** Root assumes role a (which trusts root for everything) and returns that session. */
function sessionOfA(input: Partial<AssumeRoleInput> = {}, options: RoleOptions = {}): SessionRecord {
  fx.putRole('a', statement({ AWS: ROOT }, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']), options);
  const result = assumeRole(fx, fx.root(), { RoleArn: A, RoleSessionName: 'sa', ...input });
  return fx.store.sessions.open(result.Credentials.AccessKeyId, result.Credentials.SessionToken) as SessionRecord;
}

const chain = (session: SessionRecord, input: Partial<AssumeRoleInput> = {}) =>
  assumeRole(fx, fx.as(session), { RoleArn: B, RoleSessionName: 'sb', ...input });
const sessionOf = (result: ReturnType<typeof chain>) => fx.store.sessions.open(result.Credentials.AccessKeyId, result.Credentials.SessionToken) as SessionRecord;

describe('assumeRole from a role session (role chaining)', () => {
  it('needs no identity policy when the trust policy names the calling role', () => {
    const s = sessionOfA();
    fx.putRole('b', statement({ AWS: A }, 'sts:AssumeRole'), { maxSessionDuration: 43200 });
    expect(chain(s).AssumedRoleUser.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/b/sb`);
  });

  it('needs an identity policy allowing sts:AssumeRole when the trust policy names only the account', () => {
    const s = sessionOfA();
    fx.putRole('b', statement({ AWS: ROOT }, 'sts:AssumeRole'));
    expect(() => chain(s)).toThrow(denied('sts:AssumeRole'));
    fx.store.policies.putInline(ACCOUNT, 'a', 'hop', identityPolicy('sts:AssumeRole', B));
    expect(() => chain(s)).not.toThrow();
  });

  it('reads attached managed policies as identity policies', () => {
    const s = sessionOfA();
    fx.putRole('b', statement({ AWS: ACCOUNT }, 'sts:AssumeRole'));
    const arn = policyArn('aws', ACCOUNT, '/', 'hop');
    const now = fx.clock.now();
    fx.store.policies.insertManaged({ arn, accountId: ACCOUNT, name: 'hop', policyId: newRoleId(fx.deps.random), path: '/', description: null, document: identityPolicy('sts:*', '*'), tags: [], createdAt: now, updatedAt: now });
    fx.store.policies.attach(ACCOUNT, 'a', arn);
    expect(() => chain(s)).not.toThrow();
  });

  it('lets an explicit deny in the caller policies win even over a grant to the session', () => {
    const s = sessionOfA();
    fx.putRole('b', statement({ AWS: SESSION_A }, 'sts:AssumeRole'));
    fx.store.policies.putInline(ACCOUNT, 'a', 'no', identityPolicy('sts:AssumeRole', '*', 'Deny'));
    expect(() => chain(s)).toThrow(denied('sts:AssumeRole'));
  });

  it('bounds a grant to the role ARN by session policies, but not a grant to the session ARN', () => {
    const s = sessionOfA({ Policy: identityPolicy('s3:*', '*') });
    fx.putRole('b', statement({ AWS: A }, 'sts:AssumeRole'));
    expect(() => chain(s)).toThrow(denied('sts:AssumeRole'));
    fx.putRole('b', statement({ AWS: SESSION_A }, 'sts:AssumeRole'));
    expect(() => chain(s)).not.toThrow();
  });

  it('bounds a grant to the role ARN by the role permissions boundary', () => {
    const boundary = policyArn('aws', ACCOUNT, '/', 'boundary');
    const now = fx.clock.now();
    fx.store.policies.insertManaged({ arn: boundary, accountId: ACCOUNT, name: 'boundary', policyId: newRoleId(fx.deps.random), path: '/', description: null, document: identityPolicy('s3:*', '*'), tags: [], createdAt: now, updatedAt: now });
    const s = sessionOfA({}, { permissionsBoundary: boundary });
    fx.putRole('b', statement({ AWS: A }, 'sts:AssumeRole'));
    expect(() => chain(s)).toThrow(denied('sts:AssumeRole'));
  });

  it('caps a chained session at one hour', () => {
    const s = sessionOfA();
    fx.putRole('b', statement({ AWS: A }, 'sts:AssumeRole'), { maxSessionDuration: 43200 });
    expect(() => chain(s, { DurationSeconds: 3601 })).toThrow(expect.objectContaining({ code: 'ValidationError', status: 400, message: ROLE_MESSAGES.overChainLimit }));
    expect(chain(s, { DurationSeconds: 3600 }).Credentials.Expiration.getTime() - fx.clock.now().getTime()).toBe(3600_000);
  });

  it('carries transitive tags into the next session and needs sts:TagSession for them', () => {
    const s = sessionOfA({ Tags: [{ Key: 'Project', Value: 'Unicorn' }, { Key: 'Team', Value: 'Blue' }], TransitiveTagKeys: ['Project'] });
    fx.putRole('b', statement({ AWS: A }, 'sts:AssumeRole'));
    expect(() => chain(s)).toThrow(denied('sts:TagSession'));

    fx.putRole('b', statement({ AWS: A }, ['sts:AssumeRole', 'sts:TagSession'], { StringEquals: { 'aws:PrincipalTag/Team': 'Blue', 'aws:RequestTag/Project': 'Unicorn' } }));
    const next = sessionOf(chain(s, { Tags: [{ Key: 'Env', Value: 'dev' }] }));
    expect(next.context).toMatchObject({ principalTags: { Project: 'Unicorn', Env: 'dev' }, transitiveTagKeys: ['Project'] });
  });

  it('refuses a tag that would override an inherited transitive tag', () => {
    const s = sessionOfA({ Tags: [{ Key: 'Project', Value: 'Unicorn' }], TransitiveTagKeys: ['Project'] });
    fx.putRole('b', statement({ AWS: A }, ['sts:AssumeRole', 'sts:TagSession']));
    expect(() => chain(s, { Tags: [{ Key: 'project', Value: 'Other' }] })).toThrow(expect.objectContaining({ code: 'InvalidParameterValue', status: 400, message: TAG_MESSAGES.transitiveConflict }));
  });

  it('offers the caller role tags as aws:PrincipalTag, overridden by session tags', () => {
    const s = sessionOfA({ Tags: [{ Key: 'team', Value: 'Red' }] }, { tags: [{ Key: 'Team', Value: 'Blue' }, { Key: 'Dept', Value: 'Eng' }] });
    fx.putRole('b', statement({ AWS: A }, 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalTag/Team': 'Red', 'aws:PrincipalTag/Dept': 'Eng', 'aws:PrincipalType': 'AssumedRole', 'aws:PrincipalArn': A } }));
    expect(() => chain(s)).not.toThrow();
  });

  it('keeps the source identity through the chain and needs sts:SetSourceIdentity for it', () => {
    const s = sessionOfA({ SourceIdentity: 'alice' });
    fx.putRole('b', statement({ AWS: A }, 'sts:AssumeRole'));
    expect(() => chain(s)).toThrow(denied('sts:SetSourceIdentity'));
    fx.putRole('b', statement({ AWS: A }, ['sts:AssumeRole', 'sts:SetSourceIdentity'], { StringEquals: { 'aws:SourceIdentity': 'alice', 'sts:SourceIdentity': 'alice' } }));
    expect(chain(s).SourceIdentity).toBe('alice');
    expect(() => chain(s, { SourceIdentity: 'mallory' })).toThrow(expect.objectContaining({ code: 'InvalidParameterValue' }));
  });

  it('needs the caller identity policy for a role in another account', () => {
    const s = sessionOfA();
    const other = '444455556666';
    const target = `arn:aws:iam::${other}:role/x`;
    fx.putRole('x', statement({ AWS: ACCOUNT }, 'sts:AssumeRole'), { accountId: other });
    expect(() => chain(s, { RoleArn: target })).toThrow(denied('sts:AssumeRole', target));
    fx.store.policies.putInline(ACCOUNT, 'a', 'hop', identityPolicy('sts:AssumeRole', target));
    const result = chain(s, { RoleArn: target });
    expect(result.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${other}:assumed-role/x/sb`);
  });
});
