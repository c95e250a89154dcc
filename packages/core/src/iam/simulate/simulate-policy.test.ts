import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachRolePolicy } from '../attachments.js';
import { createPolicy } from '../managed-policies.js';
import { putRolePolicy } from '../role-policies.js';
import { createRole } from '../roles.js';
import { T0, TRUST_POLICY, expectAwsError, iamTestContext } from '../test-support.js';
import type { IamTestContext } from '../test-support.js';
import { simulateCustomPolicy, simulatePrincipalPolicy } from './simulate-policy.js';
import type { SimulationInput } from './simulate-policy.js';

let ctx: IamTestContext;
beforeEach(() => {
  ctx = iamTestContext();
});
afterEach(() => ctx.close());

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const input = (over: Partial<SimulationInput>): SimulationInput => ({ policyInputList: [], permissionsBoundaryPolicyInputList: [], actionNames: ['s3:GetObject'], resourceArns: [], contextEntries: [], ...over });
const ROLE = 'arn:aws:iam::000000000000:role/app';
const who = { caller: undefined, sourceIp: '127.0.0.1' };

describe('simulateCustomPolicy', () => {
  it('answers allowed with the statement that allowed, named PolicyInputList.N', () => {
    const answer = simulateCustomPolicy(input({ policyInputList: [doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' })] }));
    expect(answer.items).toEqual([
      { action: 's3:GetObject', resource: '*', decision: 'allowed', missingContextValues: [], allowedByBoundary: undefined, matchedStatements: [{ sourcePolicyId: 'PolicyInputList.1', sourcePolicyType: 'none', start: { line: 1, column: 39 }, end: { line: 1, column: 90 } }] },
    ]);
    expect(answer.perResource).toBe(false);
  });

  it('names only the deny statement of an explicit deny', () => {
    const answer = simulateCustomPolicy(input({ policyInputList: [doc({ Effect: 'Allow', Action: '*', Resource: '*' }), doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' })] }));
    expect(answer.items[0]?.decision).toBe('explicitDeny');
    expect(answer.items[0]?.matchedStatements.map((s) => s.sourcePolicyId)).toEqual(['PolicyInputList.2']);
  });

  it('caps the identity policies with the boundary and says so', () => {
    const answer = simulateCustomPolicy(input({ actionNames: ['s3:GetObject', 's3:PutObject'], policyInputList: [doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })], permissionsBoundaryPolicyInputList: [doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' })] }));
    expect(answer.items.map((r) => [r.action, r.decision, r.allowedByBoundary])).toEqual([['s3:GetObject', 'allowed', true], ['s3:PutObject', 'implicitDeny', false]]);
  });

  it('reads context entries, lists keys it lacks, and gives one result per action and resource', () => {
    const policy = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } });
    const answer = simulateCustomPolicy(input({
      policyInputList: [policy],
      resourceArns: ['arn:aws:s3:::b/u/k', 'arn:aws:s3:::c/k'],
      contextEntries: [{ name: 'aws:username', values: ['u'], type: 'string' }, { name: 'aws:principaltag/team', values: ['a'], type: 'string' }],
    }));
    expect(answer.items.map((r) => [r.resource, r.decision, r.missingContextValues])).toEqual([['arn:aws:s3:::b/u/k', 'implicitDeny', ['aws:SourceIp']], ['arn:aws:s3:::c/k', 'implicitDeny', ['aws:SourceIp']]]);
    const withIp = simulateCustomPolicy(input({ policyInputList: [policy], resourceArns: ['arn:aws:s3:::b/u/k'], contextEntries: [{ name: 'aws:username', values: ['u'], type: 'string' }, { name: 'aws:PrincipalTag/team', values: ['a'], type: 'string' }, { name: 'aws:SourceIp', values: ['10.1.2.3'], type: 'ip' }] }));
    expect(withIp.items[0]).toMatchObject({ decision: 'allowed', missingContextValues: [] });
    expect(withIp.perResource).toBe(true);
  });

  it('pages results with MaxItems and Marker', () => {
    const first = simulateCustomPolicy(input({ actionNames: ['s3:A', 's3:B', 's3:C'], policyInputList: [doc({ Effect: 'Allow', Action: '*', Resource: '*' })], maxItems: 2 }));
    expect(first.items.map((r) => r.action)).toEqual(['s3:A', 's3:B']);
    expect(first.isTruncated).toBe(true);
    const next = simulateCustomPolicy(input({ actionNames: ['s3:A', 's3:B', 's3:C'], policyInputList: [doc({ Effect: 'Allow', Action: '*', Resource: '*' })], maxItems: 2, marker: first.marker }));
    expect(next.items.map((r) => r.action)).toEqual(['s3:C']);
    expect(next.isTruncated).toBe(false);
  });

  it.each([
    ['not JSON', 'nope', 'Syntax errors in policy.'],
    ['a policy naming a principal', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }), 'Policy document should not specify a principal.'],
  ])('refuses a policy that is %s with InvalidInput', (_, text, message) => {
    expectAwsError(() => simulateCustomPolicy(input({ policyInputList: [text] })), 'InvalidInput', 400, message);
  });
});

describe('simulatePrincipalPolicy', () => {
  beforeEach(() => {
    createRole(ctx, { roleName: 'app', assumeRolePolicyDocument: TRUST_POLICY });
    putRolePolicy(ctx, { roleName: 'app', policyName: 'read', policyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) });
    const deny = createPolicy(ctx, { policyName: 'no-delete', policyDocument: doc({ Effect: 'Deny', Action: 's3:Delete*', Resource: '*' }) });
    attachRolePolicy(ctx, { roleName: 'app', policyArn: deny.arn });
  });

  it("evaluates the role's inline and attached policies, naming each as IAM does", () => {
    const answer = simulatePrincipalPolicy(ctx, { ...input({ actionNames: ['s3:GetObject', 's3:DeleteObject', 's3:PutObject'] }), policySourceArn: ROLE }, who);
    expect(answer.items.map((r) => [r.decision, r.matchedStatements.map((s) => `${s.sourcePolicyType}:${s.sourcePolicyId}`)])).toEqual([
      ['allowed', ['role:read']],
      ['explicitDeny', ['user-managed:no-delete']],
      ['implicitDeny', []],
    ]);
  });

  it("applies the role's permissions boundary, and a given boundary instead of it", () => {
    const boundary = createPolicy(ctx, { policyName: 'b', policyDocument: doc({ Effect: 'Allow', Action: 's3:List*', Resource: '*' }) });
    createRole(ctx, { roleName: 'bounded', assumeRolePolicyDocument: TRUST_POLICY, permissionsBoundary: boundary.arn });
    putRolePolicy(ctx, { roleName: 'bounded', policyName: 'all', policyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) });
    const arn = 'arn:aws:iam::000000000000:role/bounded';
    const own = simulatePrincipalPolicy(ctx, { ...input({ actionNames: ['s3:GetObject', 's3:ListBucket'] }), policySourceArn: arn }, who);
    expect(own.items.map((r) => [r.decision, r.allowedByBoundary])).toEqual([['implicitDeny', false], ['allowed', true]]);
    const given = simulatePrincipalPolicy(ctx, { ...input({ permissionsBoundaryPolicyInputList: [doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' })] }), policySourceArn: arn }, who);
    expect(given.items[0]?.decision).toBe('allowed');
  });

  it('simulates the calling session itself: its session policy bounds it and its tags are aws:PrincipalTag keys', () => {
    putRolePolicy(ctx, { roleName: 'app', policyName: 'abac', policyDocument: doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::shared/${aws:PrincipalTag/kubernetes-namespace}/*' }) });
    const arn = 'arn:aws:sts::000000000000:assumed-role/app/pod';
    const session = {
      accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 's', sessionToken: 't', expiration: new Date('2030-01-01T00:00:00Z'), accountId: '000000000000', arn, userId: 'AROAEXAMPLE:pod', roleArn: ROLE, sessionName: 'pod', createdAt: new Date(T0),
      context: { principalTags: { 'kubernetes-namespace': 'default' }, sessionPolicy: doc({ Effect: 'Allow', Action: 's3:Put*', Resource: '*' }) },
    };
    const answer = simulatePrincipalPolicy(ctx, { ...input({ actionNames: ['s3:PutObject', 's3:GetObject'], resourceArns: ['arn:aws:s3:::shared/default/k'] }), policySourceArn: arn }, { caller: session, sourceIp: '127.0.0.1' });
    expect(answer.items.map((r) => [r.action, r.decision, r.matchedStatements.map((m) => m.sourcePolicyId)])).toEqual([['s3:PutObject', 'allowed', ['abac', 'SessionPolicy']], ['s3:GetObject', 'implicitDeny', []]]);
  });

  it('refuses an unknown role with NoSuchEntity and a session ARN not its caller with InvalidInput', () => {
    expectAwsError(() => simulatePrincipalPolicy(ctx, { ...input({}), policySourceArn: 'arn:aws:iam::000000000000:role/ghost' }, who), 'NoSuchEntity', 404, 'The role with name ghost cannot be found.');
    expectAwsError(() => simulatePrincipalPolicy(ctx, { ...input({}), policySourceArn: 'arn:aws:iam::000000000000:user/path/bob' }, who), 'NoSuchEntity', 404, 'The user with name bob cannot be found.');
    const session = 'arn:aws:sts::000000000000:assumed-role/app/s';
    expectAwsError(() => simulatePrincipalPolicy(ctx, { ...input({}), policySourceArn: session }, who), 'InvalidInput', 400, `Invalid Entity Arn: ${session}`);
  });
});
