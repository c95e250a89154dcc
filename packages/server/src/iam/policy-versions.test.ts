import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { elementOf, errorOf, postForm, startIamServer } from './test-support.js';
import type { IamTestServer } from './test-support.js';

// Policy versions and the AWS managed catalogue over raw awsQuery.
const doc = (bucket: string) => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${bucket}/*"}]}`;
const ARN = 'arn:aws:iam::000000000000:policy/read';
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

let server: IamTestServer;
beforeAll(async () => {
  server = await startIamServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.ctx.store.db.exec('DELETE FROM managed_policies; DELETE FROM managed_policy_versions;');
  await call({ Action: 'CreatePolicy', PolicyName: 'read', PolicyDocument: doc('one') });
});

const call = (params: Record<string, string>) => postForm(server, params);

describe('CreatePolicyVersion / ListPolicyVersions / SetDefaultPolicyVersion / DeletePolicyVersion', () => {
  it('answers in IAM shapes: no Document in CreatePolicyVersion or ListPolicyVersions', async () => {
    expect((await call({ Action: 'CreatePolicyVersion', PolicyArn: ARN, PolicyDocument: doc('two'), SetAsDefault: 'true' })).body).toContain(
      '<CreatePolicyVersionResult><PolicyVersion><VersionId>v2</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>2024-01-02T03:04:05Z</CreateDate></PolicyVersion></CreatePolicyVersionResult>',
    );
    expect((await call({ Action: 'ListPolicyVersions', PolicyArn: ARN })).body).toContain(
      '<ListPolicyVersionsResult><Versions><member><VersionId>v2</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>2024-01-02T03:04:05Z</CreateDate></member><member><VersionId>v1</VersionId><IsDefaultVersion>false</IsDefaultVersion><CreateDate>2024-01-02T03:04:05Z</CreateDate></member></Versions><IsTruncated>false</IsTruncated></ListPolicyVersionsResult>',
    );
    expect(elementOf((await call({ Action: 'GetPolicy', PolicyArn: ARN })).body, 'DefaultVersionId')).toBe('v2');
    expect((await call({ Action: 'SetDefaultPolicyVersion', PolicyArn: ARN, VersionId: 'v1' })).body).toContain('<SetDefaultPolicyVersionResponse');
    expect((await call({ Action: 'DeletePolicyVersion', PolicyArn: ARN, VersionId: 'v2' })).status).toBe(200);
    expect((await call({ Action: 'DeletePolicy', PolicyArn: ARN })).status).toBe(200);
  });

  it('pages versions with Marker and MaxItems', async () => {
    await call({ Action: 'CreatePolicyVersion', PolicyArn: ARN, PolicyDocument: doc('two') });
    const first = await call({ Action: 'ListPolicyVersions', PolicyArn: ARN, MaxItems: '1' });
    expect(elementOf(first.body, 'IsTruncated')).toBe('true');
    const rest = await call({ Action: 'ListPolicyVersions', PolicyArn: ARN, Marker: elementOf(first.body, 'Marker') as string });
    expect(rest.body).toContain('<Versions><member><VersionId>v1</VersionId>');
  });

  it.each([
    [{ Action: 'CreatePolicyVersion', PolicyArn: ARN }, 400, 'ValidationError', "1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null"],
    [
      { Action: 'DeletePolicyVersion', PolicyArn: ARN, VersionId: 'V1' },
      400,
      'ValidationError',
      "1 validation error detected: Value 'V1' at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?",
    ],
    [{ Action: 'ListPolicyVersions', PolicyArn: ARN, MaxItems: '0' }, 400, 'ValidationError', "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    [{ Action: 'DeletePolicyVersion', PolicyArn: ARN, VersionId: 'v1' }, 409, 'DeleteConflict', 'Cannot delete the default version of a policy.'],
    [{ Action: 'SetDefaultPolicyVersion', PolicyArn: ARN, VersionId: 'v3' }, 404, 'NoSuchEntity', `Policy ${ARN} version v3 does not exist or is not attachable.`],
    [{ Action: 'ListPolicyVersions', PolicyArn: 'arn:aws:iam::aws:policy/TotallyMadeUp' }, 404, 'NoSuchEntity', 'Policy arn:aws:iam::aws:policy/TotallyMadeUp was not found.'],
  ])('answers %o with an error', async (params, status, code, message) => {
    expect(errorOf(await call(params))).toEqual({ status, code, message });
  });

  it('refuses the sixth version with LimitExceeded, and DeletePolicy while versions remain', async () => {
    for (const b of ['2', '3', '4', '5']) await call({ Action: 'CreatePolicyVersion', PolicyArn: ARN, PolicyDocument: doc(b) });
    expect(errorOf(await call({ Action: 'CreatePolicyVersion', PolicyArn: ARN, PolicyDocument: doc('6') }))).toEqual({
      status: 409,
      code: 'LimitExceeded',
      message: 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    });
    expect(errorOf(await call({ Action: 'DeletePolicy', PolicyArn: ARN }))).toEqual({
      status: 409,
      code: 'DeleteConflict',
      message: "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    });
  });
});

describe('AWS managed policies', () => {
  it('GetPolicy and GetPolicyVersion answer the real policy and document', async () => {
    const policy = await call({ Action: 'GetPolicy', PolicyArn: S3_READ });
    expect(policy.body).toMatch(
      /<GetPolicyResult><Policy><PolicyName>AmazonS3ReadOnlyAccess<\/PolicyName><PolicyId>ANPA[A-Z2-7]{17}<\/PolicyId><Arn>arn:aws:iam::aws:policy\/AmazonS3ReadOnlyAccess<\/Arn><Path>\/<\/Path><DefaultVersionId>v3<\/DefaultVersionId><AttachmentCount>0<\/AttachmentCount><PermissionsBoundaryUsageCount>0<\/PermissionsBoundaryUsageCount><IsAttachable>true<\/IsAttachable><CreateDate>2015-02-06T18:40:59Z<\/CreateDate><UpdateDate>2023-08-10T21:31:39Z<\/UpdateDate><\/Policy><\/GetPolicyResult>/,
    );
    const version = await call({ Action: 'GetPolicyVersion', PolicyArn: S3_READ, VersionId: 'v3' });
    expect(JSON.parse(decodeURIComponent(elementOf(version.body, 'Document') as string))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' }],
    });
    expect(elementOf(version.body, 'IsDefaultVersion')).toBe('true');
  });

  it('lists Scope AWS a page at a time', async () => {
    const first = await call({ Action: 'ListPolicies', Scope: 'AWS', MaxItems: '2' });
    expect(elementOf(first.body, 'IsTruncated')).toBe('true');
    expect(first.body.match(/<member>/g)).toHaveLength(2);
    const local = await call({ Action: 'ListPolicies', Scope: 'Local' });
    expect(local.body.match(/<PolicyName>[^<]*<\/PolicyName>/g)).toEqual(['<PolicyName>read</PolicyName>']);
  });

  it('refuses to change one', async () => {
    expect(errorOf(await call({ Action: 'CreatePolicyVersion', PolicyArn: S3_READ, PolicyDocument: doc('x') }))).toEqual({
      status: 404,
      code: 'NoSuchEntity',
      message: `Policy ${S3_READ} was not found.`,
    });
  });
});
