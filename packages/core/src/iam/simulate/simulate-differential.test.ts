import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import type { Simulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../../policy/index.js';
import { simulateOne } from './simulate.js';
import type { EvalDecision, SimulationPolicy } from './types.js';

// The simulation's decision (eksid's evaluator through the identity, boundary and session
// layers) against @cloud-copilot/iam-simulate on a fixed table of identity-policy cases; the
// property test in policy/differential.test.ts covers conditions at random and lists where the
// oracle departs from AWS. Each case also states the decision AWS documents, so a mistake
// both share still fails.

type Statement = Record<string, unknown>;
interface Case {
  identity: Statement[];
  boundary?: Statement[];
  session?: Statement[];
  action?: string;
  resource?: string;
  context?: Record<string, string | string[]>;
  expected: EvalDecision;
}

const ACCOUNT = '111122223333';
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:role/app`;
const OBJECT = 'arn:aws:s3:::bucket/key';
const allow = (Action: unknown, Resource: unknown = '*', Condition?: object): Statement => ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) });
const deny = (Action: unknown, Resource: unknown = '*', Condition?: object): Statement => ({ Effect: 'Deny', Action, Resource, ...(Condition ? { Condition } : {}) });
const NOW = '2026-01-02T03:04:05Z';

const CASES: Record<string, Case> = {
  'an exact action': { identity: [allow('s3:GetObject')], expected: 'allowed' },
  'an action in another case': { identity: [allow('S3:getobject')], expected: 'allowed' },
  'an action wildcard *': { identity: [allow('s3:Get*')], expected: 'allowed' },
  'an action wildcard ?': { identity: [allow('s3:?etObject')], expected: 'allowed' },
  'another action': { identity: [allow('s3:PutObject')], expected: 'implicitDeny' },
  'the action *': { identity: [allow('*')], expected: 'allowed' },
  'NotAction not listing it': { identity: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], expected: 'allowed' },
  'NotAction listing it': { identity: [{ Effect: 'Allow', NotAction: ['s3:*'], Resource: '*' }], expected: 'implicitDeny' },
  'an exact resource': { identity: [allow('s3:GetObject', OBJECT)], expected: 'allowed' },
  'a resource wildcard of another bucket': { identity: [allow('s3:GetObject', 'arn:aws:s3:::other/*')], expected: 'implicitDeny' },
  'NotResource not listing it': { identity: [{ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' }], expected: 'allowed' },
  'NotResource listing it': { identity: [{ Effect: 'Allow', Action: 's3:*', NotResource: ['arn:aws:s3:::bucket/*'] }], expected: 'implicitDeny' },
  'an explicit deny over an allow': { identity: [allow('*'), deny('s3:GetObject')], expected: 'explicitDeny' },
  'a deny by NotAction': { identity: [allow('*'), { Effect: 'Deny', NotAction: 's3:List*', Resource: '*' }], expected: 'explicitDeny' },
  'a deny on another resource': { identity: [allow('*'), deny('*', 'arn:aws:s3:::secret/*')], expected: 'allowed' },
  'StringEquals matching': { identity: [allow('s3:GetObject', '*', { StringEquals: { 's3:prefix': 'home' } })], context: { 's3:prefix': 'home' }, expected: 'allowed' },
  'StringEquals with the key missing': { identity: [allow('s3:GetObject', '*', { StringEquals: { 's3:prefix': 'home' } })], expected: 'implicitDeny' },
  'StringEquals with one of several values': { identity: [allow('s3:GetObject', '*', { StringEquals: { 's3:prefix': ['a', 'home'] } })], context: { 's3:prefix': 'home' }, expected: 'allowed' },
  'StringNotEquals with the key missing': { identity: [allow('s3:GetObject', '*', { StringNotEquals: { 's3:prefix': 'home' } })], expected: 'allowed' },
  'StringLike with a wildcard': { identity: [allow('s3:GetObject', '*', { StringLike: { 's3:prefix': 'team-*' } })], context: { 's3:prefix': 'team-a' }, expected: 'allowed' },
  'StringEqualsIgnoreCase': { identity: [allow('s3:GetObject', '*', { StringEqualsIgnoreCase: { 's3:prefix': 'HOME' } })], context: { 's3:prefix': 'home' }, expected: 'allowed' },
  'ArnLike on aws:PrincipalArn': { identity: [allow('s3:GetObject', '*', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ap*' } })], context: { 'aws:PrincipalArn': PRINCIPAL }, expected: 'allowed' },
  'a deny under ArnNotLike that does not hold': { identity: [allow('*'), deny('*', '*', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app' } })], context: { 'aws:PrincipalArn': PRINCIPAL }, expected: 'allowed' },
  'a deny under Bool aws:SecureTransport false': { identity: [allow('*'), deny('s3:*', '*', { Bool: { 'aws:SecureTransport': 'false' } })], context: { 'aws:SecureTransport': 'false' }, expected: 'explicitDeny' },
  'Bool true matching': { identity: [allow('s3:GetObject', '*', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })], context: { 'aws:MultiFactorAuthPresent': 'true' }, expected: 'allowed' },
  'NumericLessThan holding': { identity: [allow('s3:GetObject', '*', { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })], context: { 'aws:MultiFactorAuthAge': '100' }, expected: 'allowed' },
  'NumericGreaterThanEquals failing': { identity: [allow('s3:GetObject', '*', { NumericGreaterThanEquals: { 's3:max-keys': '10' } })], context: { 's3:max-keys': '9' }, expected: 'implicitDeny' },
  'IpAddress in the range': { identity: [allow('s3:GetObject', '*', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })], context: { 'aws:SourceIp': '10.1.2.3' }, expected: 'allowed' },
  'a deny under NotIpAddress': { identity: [allow('*'), deny('*', '*', { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } })], context: { 'aws:SourceIp': '203.0.113.9' }, expected: 'explicitDeny' },
  'DateGreaterThan holding': { identity: [allow('s3:GetObject', '*', { DateGreaterThan: { 'aws:CurrentTime': '2018-08-16T12:00:00Z' } })], context: { 'aws:CurrentTime': NOW }, expected: 'allowed' },
  'DateGreaterThan failing': { identity: [allow('s3:GetObject', '*', { DateGreaterThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } })], context: { 'aws:CurrentTime': NOW }, expected: 'implicitDeny' },
  'DateLessThan holding': { identity: [allow('s3:GetObject', '*', { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } })], context: { 'aws:CurrentTime': NOW }, expected: 'allowed' },
  'ForAllValues with every value allowed': { identity: [allow('s3:GetObject', '*', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } })], context: { 'aws:TagKeys': ['a'] }, expected: 'allowed' },
  'ForAllValues with a value not allowed': { identity: [allow('s3:GetObject', '*', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } })], context: { 'aws:TagKeys': ['a', 'c'] }, expected: 'implicitDeny' },
  'ForAnyValue with one value allowed': { identity: [allow('s3:GetObject', '*', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a', 'b'] } })], context: { 'aws:TagKeys': ['c', 'b'] }, expected: 'allowed' },
  'ForAnyValue with no value allowed': { identity: [allow('s3:GetObject', '*', { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['a*'] } })], context: { 'aws:TagKeys': ['c'] }, expected: 'implicitDeny' },
  'IfExists with the key missing': { identity: [allow('s3:GetObject', '*', { StringEqualsIfExists: { 's3:prefix': 'home' } })], expected: 'allowed' },
  'IfExists with the key present and different': { identity: [allow('s3:GetObject', '*', { StringEqualsIfExists: { 's3:prefix': 'home' } })], context: { 's3:prefix': 'away' }, expected: 'implicitDeny' },
  'Null true with the key missing': { identity: [allow('s3:GetObject', '*', { Null: { 'aws:TokenIssueTime': 'true' } })], expected: 'allowed' },
  'two condition keys, one failing': { identity: [allow('s3:GetObject', '*', { StringEquals: { 's3:prefix': 'home', 'aws:PrincipalTag/team': 'a' } })], context: { 's3:prefix': 'home', 'aws:PrincipalTag/team': 'b' }, expected: 'implicitDeny' },
  'a policy variable in Resource': { identity: [allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:username}*')], resource: 'arn:aws:s3:::bucket/u/key', context: { 'aws:username': 'u' }, expected: 'allowed' },
  'a policy variable in Resource naming another user': { identity: [allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:username}/*')], resource: 'arn:aws:s3:::bucket/v/key', context: { 'aws:username': 'u' }, expected: 'implicitDeny' },
  'a principal tag variable in a condition (ABAC)': { identity: [allow('s3:GetObject', '*', { StringEquals: { 's3:prefix': '${aws:PrincipalTag/kubernetes-namespace}' } })], context: { 's3:prefix': 'default', 'aws:PrincipalTag/kubernetes-namespace': 'default' }, expected: 'allowed' },
  'a principal tag condition of another namespace': { identity: [allow('s3:GetObject', '*', { StringEquals: { 'aws:PrincipalTag/kubernetes-namespace': 'prod' } })], context: { 'aws:PrincipalTag/kubernetes-namespace': 'default' }, expected: 'implicitDeny' },
  'a boundary allowing the action': { identity: [allow('s3:*')], boundary: [allow('s3:Get*')], expected: 'allowed' },
  'a boundary not allowing the action': { identity: [allow('s3:*')], boundary: [allow('s3:Get*')], action: 's3:PutObject', expected: 'implicitDeny' },
  'a boundary denying the action': { identity: [allow('s3:*')], boundary: [allow('*'), deny('s3:GetObject')], expected: 'explicitDeny' },
  'a boundary allowing what no identity policy allows': { identity: [allow('iam:*')], boundary: [allow('*')], expected: 'implicitDeny' },
  'a session policy narrowing the role': { identity: [allow('s3:*')], session: [allow('s3:List*')], expected: 'implicitDeny' },
  'a session policy within the role': { identity: [allow('s3:*')], session: [allow('s3:GetObject', OBJECT)], expected: 'allowed' },
};

const ORACLE: Readonly<Record<string, EvalDecision>> = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };
const policy = (statements: Statement[]) => ({ Version: '2012-10-17', Statement: statements });
const ours = (name: string, statements: Statement[]): SimulationPolicy => {
  const text = JSON.stringify(policy(statements));
  return { id: name, type: 'none', text, doc: parsePolicyDocument(text, 'identity') };
};

/**
 * The oracle's decision. runUnsafeSimulation drops session policies (0.1.173 passes
 * `sessionPolicy: undefined` to its authorizer, dist/esm/simulation_engine/unsafeSimulationEngine.js),
 * so a case with one goes through runSimulation, as an assumed-role session of the role.
 */
async function oracle(c: Case, action: string, resource: string, context: Record<string, string | string[]>): Promise<EvalDecision | undefined> {
  const simulation: Simulation = {
    request: { principal: c.session ? `arn:aws:sts::${ACCOUNT}:assumed-role/app/s` : PRINCIPAL, action, resource: { resource, accountId: ACCOUNT }, contextVariables: context },
    identityPolicies: [{ name: 'identity', policy: policy(c.identity) }],
    ...(c.boundary ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: policy(c.boundary) }] } : {}),
    ...(c.session ? { sessionPolicy: policy(c.session) } : {}),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  if (!c.session) return ORACLE[runUnsafeSimulation(simulation, {})];
  const run = await runSimulation(simulation, {});
  return run.resultType === 'single' ? ORACLE[run.result.analysis.result] : undefined;
}

describe('simulation against iam-simulate', () => {
  it('has a table of at least 40 cases', () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(40);
  });

  it.each(Object.entries(CASES))('agrees on %s', async (_name, c) => {
    const action = c.action ?? 's3:GetObject';
    const resource = c.resource ?? OBJECT;
    const context = c.context ?? {};
    const mine = simulateOne({ identity: [ours('identity', c.identity)], boundary: c.boundary ? ours('boundary', c.boundary) : undefined, session: c.session ? [ours('session', c.session)] : undefined }, action, resource, context).decision;
    expect({ eksid: mine, oracle: await oracle(c, action, resource, context) }).toEqual({ eksid: c.expected, oracle: c.expected });
  });
});
