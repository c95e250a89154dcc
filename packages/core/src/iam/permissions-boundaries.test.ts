import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorizeAdminCall } from '../authorize/authorize-admin-call.js';
import { iamAdminRequest } from '../authorize/iam-requests.js';
import type { SessionRecord } from '../store/index.js';
import { assumeRole } from '../sts/assume-role.js';
import { ACCOUNT, StsFixture, identityPolicy, statement } from '../sts/test-support.js';
import { deletePolicy } from './managed-policies.js';
import { deleteRolePermissionsBoundary, putRolePermissionsBoundary } from './permissions-boundaries.js';
import { getRole } from './roles.js';
import { expectAwsError } from './test-support.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
  fx.putRole('a', statement({ AWS: ROOT }, 'sts:AssumeRole'));
  fx.putRole('b', statement({ AWS: ROOT }, 'sts:AssumeRole'));
});
afterEach(() => fx.close());

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const SESSION_A = `arn:aws:sts::${ACCOUNT}:assumed-role/a/sa`;

function putManaged(name: string, document: string): string {
  const arn = `arn:aws:iam::${ACCOUNT}:policy/${name}`;
  const now = fx.clock.now();
  fx.store.policies.insertManaged({ arn, accountId: ACCOUNT, name, policyId: `ANPA${name.toUpperCase()}`, path: '/', description: null, document, tags: [], createdAt: now, updatedAt: now });
  return arn;
}

function sessionOfA(): SessionRecord {
  const result = assumeRole(fx, fx.root(), { RoleArn: `arn:aws:iam::${ACCOUNT}:role/a`, RoleSessionName: 'sa' });
  return fx.store.sessions.open(result.Credentials.AccessKeyId, result.Credentials.SessionToken) as SessionRecord;
}

/** Whether session `s` may call IAM `operation` on role b, under --enforce-iam. */
function mayCall(s: SessionRecord, operation: string): true | string {
  try {
    authorizeAdminCall(fx, 'iam', iamAdminRequest(fx, operation, { RoleName: 'b' }), fx.as(s));
    return true;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('putRolePermissionsBoundary', () => {
  it('sets and replaces the boundary GetRole reports', () => {
    const first = putManaged('first', identityPolicy('s3:*', '*'));
    putRolePermissionsBoundary(fx, { roleName: 'A', permissionsBoundary: first });
    expect(getRole(fx, 'a').permissionsBoundary).toBe(first);
    putRolePermissionsBoundary(fx, { roleName: 'a', permissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(getRole(fx, 'a').permissionsBoundary).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
  });

  it.each([
    `arn:aws:iam::${ACCOUNT}:policy/missing`,
    'arn:aws:iam::aws:policy/TotallyMadeUp',
    'arn:aws:iam::999999999999:policy/elsewhere',
  ])('refuses %s, which names no attachable policy, with NoSuchEntity', (arn) => {
    expectAwsError(() => putRolePermissionsBoundary(fx, { roleName: 'a', permissionsBoundary: arn }), 'NoSuchEntity', 404, `Scope ARN: ${arn} does not exist or is not attachable.`);
    expect(getRole(fx, 'a').permissionsBoundary).toBeNull();
  });

  it('refuses an unknown role with NoSuchEntity, before looking at the policy', () => {
    expectAwsError(() => putRolePermissionsBoundary(fx, { roleName: 'nobody', permissionsBoundary: 'arn:aws:iam::aws:policy/TotallyMadeUp' }), 'NoSuchEntity', 404, 'The role with name nobody cannot be found.');
  });

  it('caps what an attached policy grants an assumed-role session, including one issued before it', () => {
    fx.store.policies.attach(ACCOUNT, 'a', putManaged('iam-admin', identityPolicy('iam:*', '*')));
    const s = sessionOfA();
    expect(mayCall(s, 'UpdateAssumeRolePolicy')).toBe(true);

    putRolePermissionsBoundary(fx, { roleName: 'a', permissionsBoundary: putManaged('read-only', identityPolicy('iam:Get*', '*')) });
    expect(mayCall(s, 'GetRole')).toBe(true);
    expect(mayCall(s, 'UpdateAssumeRolePolicy')).toBe(
      `User: ${SESSION_A} is not authorized to perform: iam:UpdateAssumeRolePolicy on resource: role b because no permissions boundary allows the iam:UpdateAssumeRolePolicy action`,
    );
    // A boundary grants nothing by itself: what it allows still needs an identity policy.
    expect(mayCall(sessionOfA(), 'GetRolePolicy')).toBe(true);
    fx.store.policies.detach(ACCOUNT, 'a', `arn:aws:iam::${ACCOUNT}:policy/iam-admin`);
    expect(mayCall(s, 'GetRole')).toBe(`User: ${SESSION_A} is not authorized to perform: iam:GetRole on resource: role b because no identity-based policy allows the iam:GetRole action`);
  });
});

describe('deleteRolePermissionsBoundary', () => {
  it('lifts the cap from live sessions', () => {
    fx.store.policies.attach(ACCOUNT, 'a', putManaged('iam-admin', identityPolicy('iam:*', '*')));
    putRolePermissionsBoundary(fx, { roleName: 'a', permissionsBoundary: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' });
    const s = sessionOfA();
    expect(mayCall(s, 'UpdateAssumeRolePolicy')).not.toBe(true);
    deleteRolePermissionsBoundary(fx, { roleName: 'a' });
    expect(getRole(fx, 'a').permissionsBoundary).toBeNull();
    expect(mayCall(s, 'UpdateAssumeRolePolicy')).toBe(true);
  });

  it('leaves a role without a boundary as it is, and refuses an unknown role', () => {
    deleteRolePermissionsBoundary(fx, { roleName: 'a' });
    expect(getRole(fx, 'a').permissionsBoundary).toBeNull();
    expectAwsError(() => deleteRolePermissionsBoundary(fx, { roleName: 'nobody' }), 'NoSuchEntity', 404, 'The role with name nobody cannot be found.');
  });
});

describe('deletePolicy of a permissions boundary', () => {
  it('is a DeleteConflict until no role uses it as its boundary', () => {
    const boundary = putManaged('boundary', identityPolicy('s3:*', '*'));
    putRolePermissionsBoundary(fx, { roleName: 'a', permissionsBoundary: boundary });
    expectAwsError(() => deletePolicy(fx, boundary), 'DeleteConflict', 409, 'Cannot delete a policy attached to entities.');
    deleteRolePermissionsBoundary(fx, { roleName: 'a' });
    deletePolicy(fx, boundary);
    expect(fx.store.policies.getManaged(boundary)).toBeUndefined();
  });
});
