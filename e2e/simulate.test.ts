import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, awsCliMissing, awsJson, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';

// IAM policy simulation through a real `eksid up` on the demo config (examples/demo.yaml):
// the aws CLI's simulate-principal-policy / simulate-custom-policy, and `eksid can` for its pods.
const DEMO_APP = 'arn:aws:iam::000000000000:role/demo-app';
const ABAC = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::shared/${aws:PrincipalTag/kubernetes-namespace}/*' }],
};

describe('IAM policy simulation', () => {
  let eksid: EksidProcess;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    eksid = await startEksid({ config: 'examples/demo.yaml' });
    env = isolatedAwsEnv(eksid.url, ROOT_KEYS);
  });
  afterAll(() => eksid?.stop());

  const skipWithoutCli = warnIfMissing('aws CLI', awsCliMissing);

  it.skipIf(skipWithoutCli)('answers aws iam simulate-principal-policy for a role with its inline policy', async () => {
    const out = await awsJson<{ EvaluationResults: Record<string, unknown>[] }>(
      ['iam', 'simulate-principal-policy', '--policy-source-arn', DEMO_APP, '--action-names', 's3:GetObject', 's3:PutObject', '--resource-arns', 'arn:aws:s3:::bucket/key'],
      env,
    );
    expect(out.EvaluationResults.map((r) => [r['EvalActionName'], r['EvalResourceName'], r['EvalDecision']])).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::bucket/key', 'allowed'],
      ['s3:PutObject', 'arn:aws:s3:::bucket/key', 'implicitDeny'],
    ]);
    expect(out.EvaluationResults[0]).toMatchObject({
      MatchedStatements: [{ SourcePolicyId: 's3-read', SourcePolicyType: 'role', StartPosition: { Line: 1 }, EndPosition: { Line: 1 } }],
      MissingContextValues: [],
      EvalDecisionDetails: {},
      ResourceSpecificResults: [{ EvalResourceName: 'arn:aws:s3:::bucket/key', EvalResourceDecision: 'allowed' }],
    });
  });

  it.skipIf(skipWithoutCli)('answers aws iam simulate-custom-policy with context entries, as the aws CLI example does', async () => {
    const policy = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';
    const simulate = (time: string) =>
      awsJson<{ EvaluationResults: Record<string, unknown>[] }>(
        ['iam', 'simulate-custom-policy', '--policy-input-list', policy, '--action-names', 'dynamodb:CreateBackup', '--context-entries', `ContextKeyName='aws:CurrentTime',ContextKeyValues='${time}',ContextKeyType=date`],
        env,
      );
    // The output awscli/examples/iam/simulate-custom-policy.rst shows, member for member.
    expect((await simulate('2019-04-25T11:00:00Z')).EvaluationResults).toEqual([
      {
        EvalActionName: 'dynamodb:CreateBackup',
        EvalResourceName: '*',
        EvalDecision: 'allowed',
        MatchedStatements: [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 167 } }],
        MissingContextValues: [],
      },
    ]);
    expect((await simulate('2014-04-25T11:00:00Z')).EvaluationResults).toEqual([{ EvalActionName: 'dynamodb:CreateBackup', EvalResourceName: '*', EvalDecision: 'implicitDeny', MatchedStatements: [], MissingContextValues: [] }]);
  });

  it.skipIf(skipWithoutCli)('refuses an unknown role and a malformed policy as IAM does', async () => {
    const missing = await run('aws', ['iam', 'simulate-principal-policy', '--policy-source-arn', 'arn:aws:iam::000000000000:role/ghost', '--action-names', 's3:GetObject'], env);
    expect({ code: missing.code, stderr: missing.stderr.trim() }).toEqual({ code: 255, stderr: 'An error occurred (NoSuchEntity) when calling the SimulatePrincipalPolicy operation: The role with name ghost cannot be found.' });
    const malformed = await run('aws', ['iam', 'simulate-custom-policy', '--policy-input-list', '{"Statement":', '--action-names', 's3:GetObject'], env);
    expect(malformed.stderr.trim()).toBe('An error occurred (InvalidInput) when calling the SimulateCustomPolicy operation: Syntax errors in policy.');
  });

  it('tells with `eksid can` what each demo pod may do, by exit code', async () => {
    const can = (sa: string, ...args: string[]) => run(process.execPath, [CLI_ENTRY, 'can', '--endpoint', eksid.url, '--cluster', 'demo', '--namespace', 'default', '--service-account', sa, ...args], { ...process.env, EKSID_ADMIN_TOKEN: eksid.adminToken });
    const read = await can('app', 's3:GetObject', 'arn:aws:s3:::bucket/key');
    expect({ code: read.code, first: read.stdout.split('\n')[0] }).toEqual({ code: 0, first: 'allowed: s3:GetObject on arn:aws:s3:::bucket/key' });
    const write = await can('app', 's3:PutObject', 'arn:aws:s3:::bucket/key');
    expect({ code: write.code, first: write.stdout.split('\n')[0] }).toEqual({ code: 1, first: 'denied: s3:PutObject on arn:aws:s3:::bucket/key' });
    // Pod Identity: the pod's session tags feed ${aws:PrincipalTag/kubernetes-namespace}.
    const put = await fetch(`${eksid.url}/`, { method: 'POST', body: new URLSearchParams({ Action: 'PutRolePolicy', RoleName: 'demo-pod-identity', PolicyName: 'abac', PolicyDocument: JSON.stringify(ABAC) }) });
    expect(put.status).toBe(200);
    const own = await can('pod-app', 's3:PutObject', 'arn:aws:s3:::shared/default/report.csv');
    expect({ code: own.code, stdout: own.stdout }).toMatchObject({ code: 0, stdout: expect.stringContaining('default/pod-app in cluster demo → arn:aws:iam::000000000000:role/demo-pod-identity (EKS Pod Identity association)') });
    const other = await can('pod-app', 's3:PutObject', 'arn:aws:s3:::shared/payments/report.csv');
    expect(other.code).toBe(1);
    const usage = await can('app', 'GetObject');
    expect({ code: usage.code, stderr: usage.stderr }).toEqual({ code: 2, stderr: "eksid: ACTION must be service:Action, e.g. s3:GetObject (got 'GetObject')\n" });
  });
});
