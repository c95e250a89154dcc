import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicyDocument } from '../policy/index.js';
import type { ConditionContext, Decision, Principal } from '../policy/index.js';
import { policyTraceLines } from './trace-lines.js';

const CALLER: Principal = { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/app'], accountId: '111122223333' };
const ALLOW = 'statement 0 (Allow)';

function decide(statements: object[], context: ConditionContext = {}, principal: Principal = CALLER): Decision {
  const doc = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'trust');
  return evaluatePolicy(doc, { action: 'sts:AssumeRole', resource: 'arn:aws:iam::111122223333:role/target', principal, context });
}

/** The trace of one Allow statement for anyone with this Condition block: only its condition lines. */
function conditionLines(condition: object, context: ConditionContext): { ok: boolean | null; text: string }[] {
  const lines = policyTraceLines(decide([{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: condition }], context));
  return lines.filter((line) => line.text.startsWith(`${ALLOW}: condition `));
}

describe('policyTraceLines', () => {
  it('marks every step of an allowing statement passed, under the heading as a fact', () => {
    const decision = decide([{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } }], { 'aws:PrincipalTag/team': 'blue' });
    expect(policyTraceLines(decision, 'trust policy of arn:aws:iam::111122223333:role/target, actions sts:AssumeRole:')).toEqual([
      { ok: null, text: 'trust policy of arn:aws:iam::111122223333:role/target, actions sts:AssumeRole:' },
      { ok: true, text: `${ALLOW}: action "sts:AssumeRole" matches Action ["sts:AssumeRole"]` },
      { ok: true, text: `${ALLOW}: AWS ["arn:aws:iam::111122223333:role/app"] of account 111122223333 matches Principal {"AWS":["111122223333"]}` },
      { ok: true, text: `${ALLOW}: condition StringEquals aws:PrincipalTag/team: "blue" in ["blue"]` },
      { ok: true, text: `${ALLOW}: applies` },
      { ok: true, text: `decision: Allow by ${ALLOW}` },
    ]);
  });

  it('marks a principal the statement does not name failed, and the implicit deny with it', () => {
    const decision = decide([{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.example/id/X' }, Action: 'sts:AssumeRole' }]);
    expect(policyTraceLines(decision)).toEqual([
      { ok: true, text: `${ALLOW}: action "sts:AssumeRole" matches Action ["sts:AssumeRole"]` },
      { ok: false, text: `${ALLOW}: AWS ["arn:aws:iam::111122223333:role/app"] of account 111122223333 does not match Principal {"Federated":["arn:aws:iam::111122223333:oidc-provider/oidc.example/id/X"]}` },
      { ok: false, text: `${ALLOW}: does not apply` },
      { ok: false, text: 'decision: ImplicitDeny (no statement allows the request)' },
    ]);
  });

  it('marks an action the statement does not list failed', () => {
    const decision = decide([{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' }]);
    expect(policyTraceLines(decision)[0]).toEqual({ ok: false, text: `${ALLOW}: action "sts:AssumeRole" does not match Action ["sts:AssumeRoleWithWebIdentity"]` });
  });

  it('marks the trace of a document that no longer parses as one failed decision line', () => {
    expect(policyTraceLines({ effect: 'ImplicitDeny', trace: [{ kind: 'decision', effect: 'ImplicitDeny', decidedBy: undefined }] }, 'trust policy:')).toEqual([
      { ok: null, text: 'trust policy:' },
      { ok: false, text: 'decision: ImplicitDeny (no statement allows the request)' },
    ]);
  });

  const NOW = '2026-03-01T12:00:00Z';
  it.each([
    ['StringEquals', { StringEquals: { 'x:team': 'blue' } }, { 'x:team': 'red' }, 'StringEquals x:team: "red" not in ["blue"]'],
    ['StringEquals on a missing key', { StringEquals: { 'x:team': 'blue' } }, {}, 'StringEquals x:team: key missing, ["blue"] → false'],
    ['StringNotEquals', { StringNotEquals: { 'x:team': ['red', 'green'] } }, { 'x:team': 'red' }, 'StringNotEquals x:team: "red" in ["red", "green"]'],
    ['StringEqualsIgnoreCase', { StringEqualsIgnoreCase: { 'x:team': 'blue' } }, { 'x:team': 'Red' }, 'StringEqualsIgnoreCase x:team: "Red" not in ["blue"]'],
    ['StringNotEqualsIgnoreCase', { StringNotEqualsIgnoreCase: { 'x:team': 'blue' } }, { 'x:team': 'BLUE' }, 'StringNotEqualsIgnoreCase x:team: "BLUE" in ["blue"]'],
    ['StringLike', { StringLike: { 'x:sub': 'system:serviceaccount:kube-system:*' } }, { 'x:sub': 'system:serviceaccount:default:app' }, 'StringLike x:sub: "system:serviceaccount:default:app" matches none of ["system:serviceaccount:kube-system:*"]'],
    ['StringNotLike', { StringNotLike: { 'x:pod': 'app-*' } }, { 'x:pod': 'app-1' }, 'StringNotLike x:pod: "app-1" matches one of ["app-*"]'],
    ['ArnEquals', { ArnEquals: { 'aws:SourceArn': 'arn:aws:eks:us-east-1:111122223333:cluster/prod' } }, { 'aws:SourceArn': 'arn:aws:eks:us-east-1:111122223333:cluster/c1' }, 'ArnEquals aws:SourceArn: "arn:aws:eks:us-east-1:111122223333:cluster/c1" matches none of ["arn:aws:eks:us-east-1:111122223333:cluster/prod"]'],
    ['ArnLike', { ArnLike: { 'aws:SourceArn': 'arn:aws:eks:*:444455556666:cluster/*' } }, { 'aws:SourceArn': 'arn:aws:eks:us-east-1:111122223333:cluster/c1' }, 'ArnLike aws:SourceArn: "arn:aws:eks:us-east-1:111122223333:cluster/c1" matches none of ["arn:aws:eks:*:444455556666:cluster/*"]'],
    ['ArnNotLike', { ArnNotLike: { 'aws:SourceArn': 'arn:aws:eks:*:111122223333:cluster/*' } }, { 'aws:SourceArn': 'arn:aws:eks:us-east-1:111122223333:cluster/c1' }, 'ArnNotLike aws:SourceArn: "arn:aws:eks:us-east-1:111122223333:cluster/c1" matches one of ["arn:aws:eks:*:111122223333:cluster/*"]'],
    ['Bool', { Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': false }, 'Bool aws:SecureTransport: "false" not in ["true"]'],
    ['BinaryEquals', { BinaryEquals: { 'x:blob': 'QUJD' } }, { 'x:blob': 'REVG' }, 'BinaryEquals x:blob: "REVG" not in ["QUJD"]'],
    ['Null "true" on a present key', { Null: { 'x:mfa': 'true' } }, { 'x:mfa': 'yes' }, 'Null x:mfa: key present, ["true"] → false'],
    ['Null "false" on a missing key', { Null: { 'x:mfa': 'false' } }, {}, 'Null x:mfa: key missing, ["false"] → false'],
    ['NumericEquals', { NumericEquals: { 'x:n': '3' } }, { 'x:n': 5 }, 'NumericEquals x:n: "5" not in ["3"]'],
    ['NumericNotEquals', { NumericNotEquals: { 'x:n': ['3', '5'] } }, { 'x:n': 5 }, 'NumericNotEquals x:n: "5" in ["3", "5"]'],
    ['NumericLessThan', { NumericLessThan: { 'aws:EpochTime': '1000' } }, { 'aws:EpochTime': '1772366400' }, 'NumericLessThan aws:EpochTime: "1772366400" not < any of ["1000"]'],
    ['NumericLessThanEquals', { NumericLessThanEquals: { 'x:n': '4' } }, { 'x:n': 5 }, 'NumericLessThanEquals x:n: "5" not <= any of ["4"]'],
    ['NumericGreaterThan', { NumericGreaterThan: { 'x:n': '5' } }, { 'x:n': 5 }, 'NumericGreaterThan x:n: "5" not > any of ["5"]'],
    ['NumericGreaterThanEquals', { NumericGreaterThanEquals: { 'x:n': '3' } }, { 'x:n': 2 }, 'NumericGreaterThanEquals x:n: "2" not >= any of ["3"]'],
    ['a number that is no number', { NumericEquals: { 'x:n': '5' } }, { 'x:n': 'five' }, 'NumericEquals x:n: "five" not in ["5"]'],
    ['DateEquals', { DateEquals: { 'aws:CurrentTime': '2026-03-01' } }, { 'aws:CurrentTime': NOW }, `DateEquals aws:CurrentTime: "${NOW}" not in ["2026-03-01"]`],
    ['DateNotEquals', { DateNotEquals: { 'aws:CurrentTime': '1772366400' } }, { 'aws:CurrentTime': NOW }, `DateNotEquals aws:CurrentTime: "${NOW}" in ["1772366400"]`],
    ['DateLessThan', { DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': NOW }, `DateLessThan aws:CurrentTime: "${NOW}" not < any of ["2026-01-01T00:00:00Z"]`],
    ['DateLessThanEquals', { DateLessThanEquals: { 'aws:CurrentTime': '2026-03-01T11:59:59Z' } }, { 'aws:CurrentTime': NOW }, `DateLessThanEquals aws:CurrentTime: "${NOW}" not <= any of ["2026-03-01T11:59:59Z"]`],
    ['DateGreaterThan', { DateGreaterThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, { 'aws:CurrentTime': NOW }, `DateGreaterThan aws:CurrentTime: "${NOW}" not > any of ["2027-01-01T00:00:00Z"]`],
    ['DateGreaterThanEquals', { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-03-01T12:00:01Z' } }, { 'aws:CurrentTime': NOW }, `DateGreaterThanEquals aws:CurrentTime: "${NOW}" not >= any of ["2026-03-01T12:00:01Z"]`],
    ['IpAddress', { IpAddress: { 'aws:SourceIp': ['192.168.0.0/16', '172.16.0.0/12'] } }, { 'aws:SourceIp': '10.0.0.1' }, 'IpAddress aws:SourceIp: "10.0.0.1" not in ["192.168.0.0/16", "172.16.0.0/12"]'],
    ['NotIpAddress', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': '10.0.0.1' }, 'NotIpAddress aws:SourceIp: "10.0.0.1" in ["10.0.0.0/8"]'],
    ['StringEqualsIfExists on a present key', { StringEqualsIfExists: { 'x:team': 'blue' } }, { 'x:team': 'red' }, 'StringEqualsIfExists x:team: "red" not in ["blue"]'],
    ['ArnLikeIfExists on a present key', { ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:eks:*:*:cluster/prod' } }, { 'aws:SourceArn': 'arn:aws:eks:us-east-1:111122223333:cluster/c1' }, 'ArnLikeIfExists aws:SourceArn: "arn:aws:eks:us-east-1:111122223333:cluster/c1" matches none of ["arn:aws:eks:*:*:cluster/prod"]'],
    ['ForAnyValue:StringEquals', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'owner' } }, { 'aws:TagKeys': ['team', 'env'] }, 'ForAnyValue:StringEquals aws:TagKeys: ["team", "env"] against ["owner"] → false'],
    ['ForAnyValue on a missing key', { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'eks-*' } }, {}, 'ForAnyValue:StringLike aws:TagKeys: key missing, ["eks-*"] → false'],
    ['ForAllValues:StringLike', { 'ForAllValues:StringLike': { 'aws:TagKeys': 'eks-*' } }, { 'aws:TagKeys': ['eks-a', 'team'] }, 'ForAllValues:StringLike aws:TagKeys: ["eks-a", "team"] against ["eks-*"] → false'],
    ['ForAllValues:StringNotEquals', { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'admin' } }, { 'aws:TagKeys': ['team', 'admin'] }, 'ForAllValues:StringNotEquals aws:TagKeys: ["team", "admin"] against ["admin"] → false'],
    ['a multivalued key under a single-valued operator', { StringEquals: { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['team'] }, 'StringEquals aws:TagKeys: ["team"] against ["team"] → false'],
  ])('marks a failing %s condition failed, naming key, operator and both values', (_name, condition, context, sentence) => {
    expect(conditionLines(condition, context)).toEqual([{ ok: false, text: `${ALLOW}: condition ${sentence}` }]);
  });

  it.each([
    ['StringNotEquals', { StringNotEquals: { 'x:amr': 'mfa' } }, 'StringNotEquals x:amr: key missing, ["mfa"] → true'],
    ['StringNotLike', { StringNotLike: { 'x:sub': 'system:*' } }, 'StringNotLike x:sub: key missing, ["system:*"] → true'],
    ['ArnNotEquals', { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:eks:us-east-1:1:cluster/c' } }, 'ArnNotEquals aws:SourceArn: key missing, ["arn:aws:eks:us-east-1:1:cluster/c"] → true'],
    ['NotIpAddress', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, 'NotIpAddress aws:SourceIp: key missing, ["10.0.0.0/8"] → true'],
    ['StringEqualsIfExists', { StringEqualsIfExists: { 'x:team': 'blue' } }, 'StringEqualsIfExists x:team: key missing, ["blue"] → true'],
    ['ForAllValues:StringEquals', { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } }, 'ForAllValues:StringEquals aws:TagKeys: key missing, ["team"] → true'],
  ])('marks %s on a missing key passed: the key being absent satisfies it', (_name, condition, sentence) => {
    expect(conditionLines(condition, {})).toEqual([{ ok: true, text: `${ALLOW}: condition ${sentence}` }]);
  });

  it('lists every failing condition of a statement, not only the first', () => {
    const lines = conditionLines({ StringEquals: { 'x:a': '1', 'x:b': '2' }, Bool: { 'x:c': 'true' } }, { 'x:a': '1', 'x:b': '3' });
    expect(lines).toEqual([
      { ok: true, text: `${ALLOW}: condition StringEquals x:a: "1" in ["1"]` },
      { ok: false, text: `${ALLOW}: condition StringEquals x:b: "3" not in ["2"]` },
      { ok: false, text: `${ALLOW}: condition Bool x:c: key missing, ["true"] → false` },
    ]);
  });

  // A Deny statement works the other way round: its applying is the refusal, its not applying
  // is what lets the request through. Its own steps are facts explaining which it was.
  const GUARD = { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'x:amr': 'mfa' } } };
  const OPEN = { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' };

  it('marks a Deny statement that applies as the failed step of an explicit deny', () => {
    expect(policyTraceLines(decide([OPEN, GUARD]))).toEqual([
      { ok: true, text: `${ALLOW}: action "sts:AssumeRole" matches Action ["sts:AssumeRole"]` },
      { ok: true, text: `${ALLOW}: AWS ["arn:aws:iam::111122223333:role/app"] of account 111122223333 matches Principal "*"` },
      { ok: true, text: `${ALLOW}: applies` },
      { ok: null, text: 'statement 1 (Deny): action "sts:AssumeRole" matches Action ["sts:AssumeRole"]' },
      { ok: null, text: 'statement 1 (Deny): AWS ["arn:aws:iam::111122223333:role/app"] of account 111122223333 matches Principal "*"' },
      { ok: null, text: 'statement 1 (Deny): condition StringNotEquals x:amr: key missing, ["mfa"] → true' },
      { ok: false, text: 'statement 1 (Deny): applies' },
      { ok: false, text: 'decision: ExplicitDeny by statement 1 (Deny)' },
    ]);
  });

  it('marks nothing failed in an allowed decision whose Deny statement does not apply', () => {
    const lines = policyTraceLines(decide([OPEN, GUARD], { 'x:amr': 'mfa' }));
    expect(lines.filter((line) => line.ok === false)).toEqual([]);
    expect(lines.slice(-3)).toEqual([
      { ok: null, text: 'statement 1 (Deny): condition StringNotEquals x:amr: "mfa" in ["mfa"]' },
      { ok: true, text: 'statement 1 (Deny): does not apply' },
      { ok: true, text: `decision: Allow by ${ALLOW}` },
    ]);
  });
});
