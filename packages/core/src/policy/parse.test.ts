import { describe, expect, it } from 'vitest';
import { parsePolicyDocument, PolicySyntaxError } from './index.js';
import type { PolicyKind } from './index.js';

const doc = (statement: unknown, version: unknown = '2012-10-17'): string => JSON.stringify({ Version: version, Statement: statement });
const idStmt = (extra: object = {}): object => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...extra });
const trustStmt = (extra: object = {}): object => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'pods.eks.amazonaws.com' }, ...extra });
const without = (stmt: object, key: string): object => Object.fromEntries(Object.entries(stmt).filter(([k]) => k !== key));

describe('parsePolicyDocument', () => {
  it.each<[name: string, text: string, kind: PolicyKind, message: string]>([
    ['text that is not JSON', '{"Version": ', 'identity', 'Syntax errors in policy.'],
    ['a JSON array document', '[]', 'identity', 'Syntax errors in policy.'],
    ['an unknown top-level field', JSON.stringify({ Version: '2012-10-17', Statement: idStmt(), Extra: 1 }), 'identity', 'Syntax errors in policy.'],
    ['an unknown Version', doc(idStmt(), '2020-01-01'), 'identity', 'Syntax errors in policy.'],
    ['a non-string Id', JSON.stringify({ Version: '2012-10-17', Id: 5, Statement: idStmt() }), 'identity', 'Syntax errors in policy.'],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' }), 'identity', 'Syntax errors in policy.'],
    ['an empty Statement list', doc([]), 'identity', 'Syntax errors in policy.'],
    ['a Statement that is a string', doc('Allow'), 'identity', 'Syntax errors in policy.'],
    ['an unknown statement field', doc(idStmt({ Actions: 's3:*' })), 'identity', 'Syntax errors in policy.'],
    ['a missing Effect', doc(without(idStmt(), 'Effect')), 'identity', 'Missing required field Effect'],
    ['an Effect in the wrong case', doc(idStmt({ Effect: 'allow' })), 'identity', 'The policy failed legacy parsing'],
    ['an unknown Effect', doc(idStmt({ Effect: 'Permit' })), 'identity', 'Syntax errors in policy.'],
    ['both Action and NotAction', doc(idStmt({ NotAction: 'iam:*' })), 'identity', 'Syntax errors in policy.'],
    ['an Action that is an object', doc(idStmt({ Action: { s3: '*' } })), 'identity', 'Syntax errors in policy.'],
    ['an Action list holding a number', doc(idStmt({ Action: ['s3:GetObject', 1] })), 'identity', 'Syntax errors in policy.'],
    ['identity: no Action', doc(without(idStmt(), 'Action')), 'identity', 'Policy statement must contain actions.'],
    ['identity: an empty Action list', doc(idStmt({ Action: [] })), 'identity', 'Policy statement must contain actions.'],
    ['trust: no Action', doc(without(trustStmt(), 'Action')), 'trust', 'Missing required field Action'],
    ['an action without a vendor', doc(idStmt({ Action: 'GetObject' })), 'identity', 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
    ['an action with two colons', doc(idStmt({ Action: 's3:Get:Object' })), 'identity', 'Actions/Condition can contain only one colon.'],
    ['an action with a bad vendor', doc(idStmt({ Action: 's 3:GetObject' })), 'identity', 'Vendor s 3 is not valid'],
    ['identity: no Resource', doc(without(idStmt(), 'Resource')), 'identity', 'Policy statement must contain resources.'],
    ['identity: a Resource that is not an ARN', doc(idStmt({ Resource: 'bucket' })), 'identity', 'Resource bucket must be in ARN format or "*".'],
    ['both Resource and NotResource', doc(idStmt({ NotResource: '*' })), 'identity', 'Syntax errors in policy.'],
    ['identity: a Principal', doc(idStmt({ Principal: '*' })), 'identity', 'Policy document should not specify a principal.'],
    ['identity: a NotPrincipal', doc(idStmt({ NotPrincipal: { AWS: '111122223333' } })), 'identity', 'Policy document should not specify a principal.'],
    ['trust: a Resource', doc(trustStmt({ Resource: '*' })), 'trust', 'Has prohibited field Resource'],
    ['trust: a NotResource', doc(trustStmt({ NotResource: '*' })), 'trust', 'Has prohibited field NotResource'],
    ['trust: no Principal', doc(without(trustStmt(), 'Principal')), 'trust', 'Missing required field Principal'],
    ['trust: both Principal and NotPrincipal', doc(trustStmt({ NotPrincipal: '*' })), 'trust', 'Syntax errors in policy.'],
    ['trust: an unknown principal type', doc(trustStmt({ Principal: { User: 'bob' } })), 'trust', 'Invalid principal in policy: "USER":"bob"'],
    ['trust: an AWS principal that is no account or ARN', doc(trustStmt({ Principal: { AWS: 'bob' } })), 'trust', 'Invalid principal in policy: "AWS":"bob"'],
    ['trust: a bad service name', doc(trustStmt({ Principal: { Service: 'ec2' } })), 'trust', 'Invalid principal in policy: "SERVICE":"ec2"'],
    ['trust: a bad federated provider', doc(trustStmt({ Principal: { Federated: 'arn:aws:iam::111122223333:role/x' } })), 'trust', 'Invalid principal in policy: "FEDERATED":"arn:aws:iam::111122223333:role/x"'],
    ['trust: a Principal string other than *', doc(trustStmt({ Principal: 'everyone' })), 'trust', 'Invalid principal in policy: "everyone"'],
    ['trust: an empty Principal object', doc(trustStmt({ Principal: {} })), 'trust', 'Invalid principal in policy: {}'],
    ['an unknown condition operator', doc(idStmt({ Condition: { StringEqual: { 'aws:username': 'a' } } })), 'identity', 'Invalid Condition type : StringEqual'],
    ['a condition operator in the wrong case', doc(idStmt({ Condition: { stringequals: { 'aws:username': 'a' } } })), 'identity', 'Invalid Condition type : stringequals'],
    ['an unknown set operator', doc(idStmt({ Condition: { 'ForSomeValues:StringEquals': { 'aws:TagKeys': 'a' } } })), 'identity', 'Invalid Condition type : ForSomeValues:StringEquals'],
    ['Null with IfExists', doc(idStmt({ Condition: { NullIfExists: { 'aws:username': 'true' } } })), 'identity', 'Invalid Condition type : NullIfExists'],
    ['a Condition that is a list', doc(idStmt({ Condition: [] })), 'identity', 'Syntax errors in policy.'],
    ['a condition operator holding a string', doc(idStmt({ Condition: { StringEquals: 'a' } })), 'identity', 'Syntax errors in policy.'],
    ['a condition value that is an object', doc(idStmt({ Condition: { StringEquals: { 'aws:username': { a: 1 } } } })), 'identity', 'Syntax errors in policy.'],
    ['a condition value that is null', doc(idStmt({ Condition: { StringEquals: { 'aws:username': null } } })), 'identity', 'Syntax errors in policy.'],
    ['a duplicate Sid', doc([idStmt({ Sid: 'A' }), idStmt({ Sid: 'A' })]), 'identity', 'Statement IDs (SID) in a single policy must be unique.'],
    ['identity: a Sid with spaces', doc(idStmt({ Sid: 'my sid' })), 'identity', 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*'],
    ['a non-string Sid', doc(idStmt({ Sid: 1 })), 'identity', 'Syntax errors in policy.'],
  ])('refuses %s', (_name, text, kind, message) => {
    const attempt = () => parsePolicyDocument(text, kind);
    expect(attempt).toThrow(PolicySyntaxError);
    expect(attempt).toThrow(expect.objectContaining({ message, code: 'MalformedPolicyDocument' }));
  });

  it('reads a single Statement object, string-or-list fields and typed condition values', () => {
    const parsed = parsePolicyDocument(
      doc(trustStmt({ Sid: 'Pods', Action: ['sts:AssumeRole', 'sts:TagSession'], Condition: { 'ForAllValues:StringEqualsIfExists': { 'aws:TagKeys': ['a', 'b'] }, Bool: { 'aws:SecureTransport': true } } })),
      'trust',
    );
    expect(parsed).toEqual({
      kind: 'trust',
      version: '2012-10-17',
      id: undefined,
      statements: [{
        index: 0,
        sid: 'Pods',
        effect: 'Allow',
        action: { negated: false, values: ['sts:AssumeRole', 'sts:TagSession'] },
        resource: undefined,
        principal: { negated: false, element: { Service: ['pods.eks.amazonaws.com'] } },
        conditions: [
          { operator: 'ForAllValues:StringEqualsIfExists', base: 'StringEquals', set: 'ForAllValues', ifExists: true, key: 'aws:TagKeys', values: ['a', 'b'] },
          { operator: 'Bool', base: 'Bool', set: undefined, ifExists: false, key: 'aws:SecureTransport', values: ['true'] },
        ],
      }],
    });
  });

  it.each<[name: string, text: string, kind: PolicyKind]>([
    ['a document without Version (read as 2008-10-17)', JSON.stringify({ Statement: idStmt() }), 'identity'],
    ['a 2008-10-17 trust policy with a Sid holding spaces', doc(trustStmt({ Sid: 'allow pods' }), '2008-10-17'), 'trust'],
    ['Principal "*"', doc(trustStmt({ Principal: '*' })), 'trust'],
    ['an AWS account principal and a root ARN', doc(trustStmt({ Principal: { AWS: ['111122223333', 'arn:aws:iam::111122223333:root'] } })), 'trust'],
    ['a Federated host', doc(trustStmt({ Principal: { Federated: 'cognito-identity.amazonaws.com' } })), 'trust'],
    ['NotAction with NotResource', doc({ Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:aws:iam::*:role/x' }), 'identity'],
    ['an action with a wildcard vendor', doc(idStmt({ Action: '*:Get*' })), 'identity'],
  ])('accepts %s', (_name, text, kind) => {
    expect(parsePolicyDocument(text, kind).kind).toBe(kind);
  });

  it('reads a missing Version as 2008-10-17', () => {
    expect(parsePolicyDocument(JSON.stringify({ Statement: idStmt() }), 'identity').version).toBe('2008-10-17');
  });
});
