import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, postForm, startIamServer } from './test-support.js';
import type { IamTestServer } from './test-support.js';

// SimulatePrincipalPolicy and SimulateCustomPolicy over raw awsQuery.
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const READ = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}}}';

let server: IamTestServer;
beforeAll(async () => {
  server = await startIamServer();
  await postForm(server, { Action: 'CreateRole', RoleName: 'app', AssumeRolePolicyDocument: TRUST });
  await postForm(server, { Action: 'PutRolePolicy', RoleName: 'app', PolicyName: 'read', PolicyDocument: READ });
});
afterAll(() => server.close());

const principal = (extra: Record<string, string>) => postForm(server, { Action: 'SimulatePrincipalPolicy', PolicySourceArn: 'arn:aws:iam::000000000000:role/app', 'ActionNames.member.1': 's3:GetObject', ...extra });

describe('SimulatePrincipalPolicy', () => {
  it('answers allowed with the matched statement when the context entry satisfies the condition', async () => {
    const reply = await principal({ 'ContextEntries.member.1.ContextKeyName': 'aws:PrincipalTag/team', 'ContextEntries.member.1.ContextKeyValues.member.1': 'a', 'ContextEntries.member.1.ContextKeyType': 'string' });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain(
      '<SimulatePrincipalPolicyResult><EvaluationResults><member><EvalActionName>s3:GetObject</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>allowed</EvalDecision>' +
        '<MatchedStatements><member><SourcePolicyId>read</SourcePolicyId><SourcePolicyType>role</SourcePolicyType><StartPosition><Line>1</Line><Column>38</Column></StartPosition><EndPosition><Line>1</Line><Column>153</Column></EndPosition></member></MatchedStatements>' +
        '<MissingContextValues></MissingContextValues></member></EvaluationResults><IsTruncated>false</IsTruncated></SimulatePrincipalPolicyResult>',
    );
  });

  it('answers implicitDeny and names the missing key without it, per resource when ResourceArns is given', async () => {
    const reply = await principal({ 'ResourceArns.member.1': 'arn:aws:s3:::b/k' });
    expect(reply.body).toContain(
      '<EvalDecision>implicitDeny</EvalDecision><MatchedStatements></MatchedStatements><MissingContextValues></MissingContextValues><EvalDecisionDetails></EvalDecisionDetails>' +
        '<ResourceSpecificResults><member><EvalResourceName>arn:aws:s3:::b/k</EvalResourceName><EvalResourceDecision>implicitDeny</EvalResourceDecision><MatchedStatements></MatchedStatements><MissingContextValues><member>aws:PrincipalTag/team</member></MissingContextValues><EvalDecisionDetails></EvalDecisionDetails></member></ResourceSpecificResults>',
    );
  });

  it.each([
    [{ PolicySourceArn: 'arn:aws:iam::000000000000:role/ghost' }, 404, 'NoSuchEntity', 'The role with name ghost cannot be found.'],
    [{ PolicySourceArn: 'arn:aws:sts::000000000000:assumed-role/app/s' }, 400, 'InvalidInput', 'Invalid Entity Arn: arn:aws:sts::000000000000:assumed-role/app/s'],
    [{ 'PolicyInputList.member.1': '{"Statement":[' }, 400, 'InvalidInput', 'Syntax errors in policy.'],
    [{ ResourceOwner: '123456789012' }, 400, 'InvalidInput', "'123456789012' is not a valid as a Resource Owner."],
    [{ 'ContextEntries.member.1.ContextKeyName': 'aws:x', 'ContextEntries.member.1.ContextKeyType': 'text' }, 400, 'ValidationError', "1 validation error detected: Value 'text' at 'contextEntries.1.member.contextKeyType' failed to satisfy constraint: Member must satisfy enum value set: [string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList]"],
  ])('refuses %o', async (extra, status, code, message) => {
    expect(errorOf(await principal(extra))).toEqual({ status, code, message });
  });

  it('refuses a call without ActionNames or PolicySourceArn with one validation message', async () => {
    const reply = await postForm(server, { Action: 'SimulatePrincipalPolicy' });
    expect(errorOf(reply)).toEqual({ status: 400, code: 'ValidationError', message: "2 validation errors detected: Value null at 'policySourceArn' failed to satisfy constraint: Member must not be null; Value null at 'actionNames' failed to satisfy constraint: Member must not be null" });
  });
});

describe('SimulateCustomPolicy', () => {
  it('answers explicitDeny naming the deny statement and the boundary detail', async () => {
    const reply = await postForm(server, {
      Action: 'SimulateCustomPolicy',
      'PolicyInputList.member.1': '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}',
      'PermissionsBoundaryPolicyInputList.member.1': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
      'ActionNames.member.1': 's3:PutObject',
    });
    expect(reply.body).toContain('<EvalDecision>explicitDeny</EvalDecision><MatchedStatements><member><SourcePolicyId>PolicyInputList.1</SourcePolicyId><SourcePolicyType>none</SourcePolicyType>');
    expect(reply.body).toContain('<PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>true</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail>');
  });

  it('requires PolicyInputList', async () => {
    const reply = await postForm(server, { Action: 'SimulateCustomPolicy', 'ActionNames.member.1': 's3:GetObject' });
    expect(errorOf(reply)).toEqual({ status: 400, code: 'ValidationError', message: "1 validation error detected: Value null at 'policyInputList' failed to satisfy constraint: Member must not be null" });
  });
});
