import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DecisionDraft } from '../audit/decision-draft.js';
import { AwsError } from '../errors.js';
import type { SessionRecord } from '../store/index.js';
import { assumeRole } from '../sts/assume-role.js';
import { ACCOUNT, StsFixture, identityPolicy, statement } from '../sts/test-support.js';
import type { RoleOptions } from '../sts/test-support.js';
import type { AssumeRoleInput } from '../sts/types.js';
import type { AdminRequest } from './admin-request.js';
import { authorizeAdminCall } from './authorize-admin-call.js';
import { eksAccountRequest, eksClusterRequest, eksPassRoleRequest } from './eks-requests.js';
import { iamAdminRequest } from './iam-requests.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
  fx.putRole('b', statement({ AWS: ROOT }, 'sts:AssumeRole'));
});
afterEach(() => fx.close());

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const SESSION_A = `arn:aws:sts::${ACCOUNT}:assumed-role/a/sa`;
const UPDATE_B = iamRequestFor('UpdateAssumeRolePolicy', { RoleName: 'b', PolicyDocument: '{}' });

function iamRequestFor(operation: string, params: Record<string, string>) {
  return () => iamAdminRequest(fx, operation, params);
}

/** Root assumes role a (its policies set up by the caller) and returns that session. */
function sessionOfA(input: Partial<AssumeRoleInput> = {}, options: RoleOptions = {}): SessionRecord {
  fx.putRole('a', statement({ AWS: ROOT }, 'sts:AssumeRole'), options);
  const result = assumeRole(fx, fx.root(), { RoleArn: `arn:aws:iam::${ACCOUNT}:role/a`, RoleSessionName: 'sa', ...input });
  return fx.store.sessions.open(result.Credentials.AccessKeyId, result.Credentials.SessionToken) as SessionRecord;
}

function refusal(run: () => void): AwsError {
  try {
    run();
  } catch (e) {
    if (e instanceof AwsError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}

const iamCall = (session: SessionRecord, request = UPDATE_B) => () => authorizeAdminCall(fx, 'iam', request(), fx.as(session));
const implicitly = (action: string, resource: string, type = 'identity-based policy') =>
  `User: ${SESSION_A} is not authorized to perform: ${action} on resource: ${resource} because no ${type} allows the ${action} action`;

function putManaged(name: string, document: string): string {
  const arn = `arn:aws:iam::${ACCOUNT}:policy/${name}`;
  const now = fx.clock.now();
  fx.store.policies.insertManaged({ arn, accountId: ACCOUNT, name, policyId: `ANPA${name.toUpperCase()}`, path: '/', description: null, document, tags: [], createdAt: now, updatedAt: now });
  return arn;
}

describe('authorizeAdminCall', () => {
  it('lets the account root do anything', () => {
    expect(() => authorizeAdminCall(fx, 'iam', UPDATE_B(), fx.root())).not.toThrow();
  });

  it('refuses a role session with no IAM permissions, with IAM code, status and message', () => {
    const error = refusal(iamCall(sessionOfA()));
    expect([error.code, error.status, error.message]).toEqual(['AccessDenied', 403, implicitly('iam:UpdateAssumeRolePolicy', 'role b')]);
  });

  it('allows a role session whose inline policy allows the action on the role ARN', () => {
    const s = sessionOfA();
    fx.store.policies.putInline(ACCOUNT, 'a', 'trust-admin', identityPolicy('iam:UpdateAssumeRolePolicy', `arn:aws:iam::${ACCOUNT}:role/b`));
    expect(iamCall(s)).not.toThrow();
  });

  it('reads attached managed policies too', () => {
    const s = sessionOfA();
    fx.store.policies.attach(ACCOUNT, 'a', putManaged('iam-admin', identityPolicy('iam:*', '*')));
    expect(iamCall(s)).not.toThrow();
  });

  it('evaluates an attached AWS managed policy by its real document from the catalogue', () => {
    const s = sessionOfA();
    fx.store.policies.attach(ACCOUNT, 'a', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
    expect(iamCall(s, iamRequestFor('GetRole', { RoleName: 'b' }))).not.toThrow();
    expect(refusal(iamCall(s)).message).toBe(implicitly('iam:UpdateAssumeRolePolicy', 'role b'));
  });

  it('bounds a session by an AWS managed permissions boundary', () => {
    const s = sessionOfA({}, { permissionsBoundary: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' });
    fx.store.policies.putInline(ACCOUNT, 'a', 'all', identityPolicy('iam:*', '*'));
    expect(iamCall(s, iamRequestFor('GetRole', { RoleName: 'b' }))).not.toThrow();
    expect(refusal(iamCall(s)).message).toBe(implicitly('iam:UpdateAssumeRolePolicy', 'role b', 'permissions boundary'));
  });

  it('names the role ARN with its path as the resource', () => {
    const s = sessionOfA();
    fx.putRole('p', statement({ AWS: ROOT }, 'sts:AssumeRole'), { path: '/team/' });
    fx.store.policies.putInline(ACCOUNT, 'a', 'team', identityPolicy('iam:GetRole', `arn:aws:iam::${ACCOUNT}:role/team/*`));
    expect(iamCall(s, iamRequestFor('GetRole', { RoleName: 'p' }))).not.toThrow();
    expect(refusal(iamCall(s, iamRequestFor('GetRole', { RoleName: 'b' }))).message).toBe(implicitly('iam:GetRole', 'role b'));
  });

  it('offers the role tags as aws:ResourceTag conditions', () => {
    const s = sessionOfA();
    fx.putRole('tagged', statement({ AWS: ROOT }, 'sts:AssumeRole'), { tags: [{ Key: 'team', Value: 'x' }] });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'x' } } }] };
    fx.store.policies.putInline(ACCOUNT, 'a', 'tagged', JSON.stringify(policy));
    expect(iamCall(s, iamRequestFor('GetRole', { RoleName: 'tagged' }))).not.toThrow();
    expect(() => iamCall(s, iamRequestFor('GetRole', { RoleName: 'b' }))()).toThrow(implicitly('iam:GetRole', 'role b'));
  });

  it('lets an explicit deny win over an allow', () => {
    const s = sessionOfA();
    fx.store.policies.putInline(ACCOUNT, 'a', 'all', identityPolicy('iam:*', '*'));
    fx.store.policies.putInline(ACCOUNT, 'a', 'no-trust-edits', identityPolicy('iam:UpdateAssumeRolePolicy', '*', 'Deny'));
    expect(refusal(iamCall(s)).message).toBe(`User: ${SESSION_A} is not authorized to perform: iam:UpdateAssumeRolePolicy on resource: role b with an explicit deny in an identity-based policy`);
  });

  it('names the managed policy whose Deny decided, as AWS does within an account', () => {
    const s = sessionOfA();
    fx.store.policies.putInline(ACCOUNT, 'a', 'all', identityPolicy('iam:*', '*'));
    fx.store.policies.attach(ACCOUNT, 'a', putManaged('harmless', identityPolicy('iam:Get*', '*')));
    const guard = putManaged('guard', identityPolicy('iam:Update*', '*', 'Deny'));
    fx.store.policies.attach(ACCOUNT, 'a', guard);
    expect(refusal(iamCall(s)).message).toBe(
      `User: ${SESSION_A} is not authorized to perform: iam:UpdateAssumeRolePolicy on resource: role b with an explicit deny in an identity-based policy: ${guard}`,
    );
  });

  it('is bounded by the permissions boundary', () => {
    const boundary = putManaged('read-only', identityPolicy('iam:Get*', '*'));
    const s = sessionOfA({}, { permissionsBoundary: boundary });
    fx.store.policies.putInline(ACCOUNT, 'a', 'all', identityPolicy('iam:*', '*'));
    expect(iamCall(s, iamRequestFor('GetRole', { RoleName: 'b' }))).not.toThrow();
    expect(refusal(iamCall(s)).message).toBe(implicitly('iam:UpdateAssumeRolePolicy', 'role b', 'permissions boundary'));
  });

  it('names an explicit deny in the permissions boundary', () => {
    const boundary = putManaged('deny-iam', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:Update*', Resource: '*' }] }));
    const s = sessionOfA({}, { permissionsBoundary: boundary });
    fx.store.policies.putInline(ACCOUNT, 'a', 'all', identityPolicy('iam:*', '*'));
    expect(refusal(iamCall(s)).message).toBe(
      `User: ${SESSION_A} is not authorized to perform: iam:UpdateAssumeRolePolicy on resource: role b with an explicit deny in a permissions boundary: ${boundary}`,
    );
  });

  it('is bounded by the session policy', () => {
    fx.putRole('a', statement({ AWS: ROOT }, 'sts:AssumeRole'));
    fx.store.policies.putInline(ACCOUNT, 'a', 'all', identityPolicy('iam:*', '*'));
    const s = sessionOfA({ Policy: identityPolicy('iam:GetRole', '*') });
    expect(iamCall(s, iamRequestFor('GetRole', { RoleName: 'b' }))).not.toThrow();
    expect(refusal(iamCall(s)).message).toBe(implicitly('iam:UpdateAssumeRolePolicy', 'role b', 'session policy'));
  });

  it('names an explicit deny in a session policy', () => {
    fx.putRole('a', statement({ AWS: ROOT }, 'sts:AssumeRole'));
    fx.store.policies.putInline(ACCOUNT, 'a', 'all', identityPolicy('iam:*', '*'));
    const s = sessionOfA({ Policy: identityPolicy('iam:*', '*', 'Deny') });
    expect(refusal(iamCall(s)).message).toBe(`User: ${SESSION_A} is not authorized to perform: iam:UpdateAssumeRolePolicy on resource: role b with an explicit deny in a session policy`);
  });

  it('names no resource for an action on none (ListOpenIDConnectProviders)', () => {
    expect(refusal(iamCall(sessionOfA(), iamRequestFor('ListOpenIDConnectProviders', {}))).message).toBe(
      `User: ${SESSION_A} is not authorized to perform: iam:ListOpenIDConnectProviders because no identity-based policy allows the iam:ListOpenIDConnectProviders action`,
    );
  });

  it("names every role for ListRoles, so a policy on the account's roles allows it", () => {
    const s = sessionOfA();
    expect(refusal(iamCall(s, iamRequestFor('ListRoles', {}))).message).toBe(
      `User: ${SESSION_A} is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${ACCOUNT}:role/* because no identity-based policy allows the iam:ListRoles action`,
    );
    fx.store.policies.putInline(ACCOUNT, 'a', 'list', identityPolicy('iam:ListRoles', `arn:aws:iam::${ACCOUNT}:role/*`));
    expect(iamCall(s, iamRequestFor('ListRoles', {}))).not.toThrow();
  });

  it('refuses unsigned calls as IAM and EKS do', () => {
    const iam = refusal(() => authorizeAdminCall(fx, 'iam', UPDATE_B(), fx.anonymous()));
    expect([iam.code, iam.status, iam.message]).toEqual(['MissingAuthenticationToken', 403, 'Request is missing Authentication Token']);
    const eks = refusal(() => authorizeAdminCall(fx, 'eks', eksAccountRequest('ListClusters'), fx.anonymous()));
    expect([eks.code, eks.status, eks.message]).toEqual(['MissingAuthenticationTokenException', 403, 'Missing Authentication Token']);
  });

  it("answers EKS's AccessDeniedException (403) naming the cluster ARN", () => {
    const s = sessionOfA();
    const error = refusal(() => authorizeAdminCall(fx, 'eks', eksClusterRequest(fx, 'CreatePodIdentityAssociation', 'c1'), fx.as(s)));
    expect([error.code, error.status, error.message]).toEqual([
      'AccessDeniedException',
      403,
      `User: ${SESSION_A} is not authorized to perform: eks:CreatePodIdentityAssociation on resource: arn:aws:eks:us-east-1:${ACCOUNT}:cluster/c1`,
    ]);
  });

  it('needs iam:PassRole, to pods.eks.amazonaws.com, for the role a Pod Identity association passes', () => {
    const s = sessionOfA();
    fx.store.policies.putInline(ACCOUNT, 'a', 'eks', identityPolicy('eks:*', '*'));
    const B = `arn:aws:iam::${ACCOUNT}:role/b`;
    const pass = () => authorizeAdminCall(fx, 'eks', eksPassRoleRequest(fx, B, 'c1') as AdminRequest, fx.as(s));
    expect(refusal(pass).message).toBe(`User: ${SESSION_A} is not authorized to perform: iam:PassRole on resource: ${B}`);
    const toPods = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: B, Condition: { StringEquals: { 'iam:PassedToService': 'pods.eks.amazonaws.com' } } }] };
    fx.store.policies.putInline(ACCOUNT, 'a', 'pass', JSON.stringify(toPods));
    expect(pass).not.toThrow();
    expect(eksPassRoleRequest(fx, 42, 'c1')).toBeUndefined();
  });

  it('notes the caller, the role and the evaluation trace in the decision being recorded', () => {
    const s = sessionOfA();
    const draft = new DecisionDraft('iam', 'UpdateAssumeRolePolicy');
    expect(() => authorizeAdminCall({ ...fx, store: fx.store, deps: fx.deps, config: fx.config, audit: draft }, 'iam', UPDATE_B(), fx.as(s))).toThrow();
    expect(draft.subject).toMatchObject({ caller: SESSION_A, role: `arn:aws:iam::${ACCOUNT}:role/b` });
    expect(draft.trace.map((l) => l.text)).toContain(`policies of the calling session ${SESSION_A}, action iam:UpdateAssumeRolePolicy on arn:aws:iam::${ACCOUNT}:role/b:`);
  });
});
