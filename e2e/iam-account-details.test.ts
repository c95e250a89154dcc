import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, awsCliMissing, awsJson, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';

/*
 * Policy tags, ListEntitiesForPolicy and GetAccountAuthorizationDetails with the real aws CLI
 * (which parses every member by botocore's model), as inventory and IaC tools call them.
 */
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

describe.skipIf(warnIfMissing('aws CLI', awsCliMissing))('policy tags and account details with the aws CLI', () => {
  let eksid: EksidProcess;
  let env: NodeJS.ProcessEnv;
  let arn: string;
  let roleId: string;
  const aws = <T = Record<string, unknown>>(...args: string[]) => awsJson<T>(args, env);

  beforeAll(async () => {
    eksid = await startEksid();
    env = isolatedAwsEnv(eksid.url, ROOT_KEYS);
    arn = (await aws<{ Policy: { Arn: string } }>('iam', 'create-policy', '--policy-name', 'read', '--policy-document', DOC)).Policy.Arn;
    roleId = (await aws<{ Role: { RoleId: string } }>('iam', 'create-role', '--role-name', 'app', '--assume-role-policy-document', TRUST, '--permissions-boundary', arn)).Role.RoleId;
    await aws('iam', 'attach-role-policy', '--role-name', 'app', '--policy-arn', S3_READ);
    await aws('iam', 'put-role-policy', '--role-name', 'app', '--policy-name', 'inline', '--policy-document', DOC);
  });
  afterAll(async () => eksid?.stop());

  it('should tag, list and untag a customer managed policy, and refuse duplicate keys', async () => {
    await aws('iam', 'tag-policy', '--policy-arn', arn, '--tags', 'Key=team,Value=a', 'Key=env,Value=dev');
    await aws('iam', 'untag-policy', '--policy-arn', arn, '--tag-keys', 'ENV');
    expect(await aws('iam', 'list-policy-tags', '--policy-arn', arn)).toEqual({ Tags: [{ Key: 'team', Value: 'a' }] });
    const duplicate = await run('aws', ['iam', 'tag-policy', '--policy-arn', arn, '--tags', 'Key=x,Value=1', 'Key=X,Value=2'], env);
    expect(duplicate.stderr.trim()).toBe('An error occurred (InvalidInput) when calling the TagPolicy operation: Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  });

  it('should list the roles a policy bounds or is attached to', async () => {
    expect(await aws('iam', 'list-entities-for-policy', '--policy-arn', arn)).toEqual({ PolicyGroups: [], PolicyUsers: [], PolicyRoles: [{ RoleName: 'app', RoleId: roleId }] });
    expect(await aws('iam', 'list-entities-for-policy', '--policy-arn', S3_READ, '--policy-usage-filter', 'PermissionsBoundary')).toMatchObject({ PolicyRoles: [] });
    const gone = await run('aws', ['iam', 'list-entities-for-policy', '--policy-arn', 'arn:aws:iam::000000000000:policy/gone'], env);
    expect(gone.stderr.trim()).toBe('An error occurred (NoSuchEntity) when calling the ListEntitiesForPolicy operation: Policy arn:aws:iam::000000000000:policy/gone was not found.');
  });

  it('should describe the account: roles with their policies, the policies in use with their versions, across pages', async () => {
    // The CLI follows Marker itself (and drops IsTruncated): --page-size 1 makes it fetch one entry a page.
    const details = await aws<{ RoleDetailList: Record<string, unknown>[]; Policies: Record<string, unknown>[]; UserDetailList: unknown[]; GroupDetailList: unknown[] }>(
      'iam', 'get-account-authorization-details', '--page-size', '1',
    );
    expect(details.UserDetailList).toEqual([]);
    expect(details.GroupDetailList).toEqual([]);
    expect(details.RoleDetailList).toEqual([
      expect.objectContaining({
        RoleName: 'app',
        RoleId: roleId,
        AssumeRolePolicyDocument: JSON.parse(TRUST),
        InstanceProfileList: [],
        RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: JSON.parse(DOC) }],
        AttachedManagedPolicies: [{ PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: S3_READ }],
        PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn },
        RoleLastUsed: {},
      }),
    ]);
    expect(details.Policies.map((p) => [p['Arn'], p['AttachmentCount'], p['PermissionsBoundaryUsageCount']])).toEqual([
      [S3_READ, 1, 0],
      [arn, 0, 1],
    ]);
    expect(details.Policies[1]).toMatchObject({ PolicyVersionList: [{ Document: JSON.parse(DOC), VersionId: 'v1', IsDefaultVersion: true }] });
    const onlyRoles = await aws<{ Policies: unknown[] }>('iam', 'get-account-authorization-details', '--filter', 'Role');
    expect(onlyRoles.Policies).toEqual([]);
  });
});
