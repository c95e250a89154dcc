import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, awsCliMissing, awsJson, boto3Missing, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';

/*
 * The calls terraform-provider-aws makes for an aws_iam_policy (internal/service/iam/policy.go):
 * create = CreatePolicy; update = policyPruneVersions (at 5 versions, delete the oldest
 * non-default one by CreateDate) then CreatePolicyVersion SetAsDefault; delete = every
 * non-default version's DeletePolicyVersion, then DeletePolicy. Replayed with boto3.
 */
const LIFECYCLE = `
import boto3, json
from botocore.exceptions import ClientError
iam = boto3.client("iam")
doc = lambda n: json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::bucket-{n}/*"}]})
out = {"updates": []}
arn = iam.create_policy(PolicyName="tf-policy", Path="/tf/", PolicyDocument=doc(0), Tags=[{"Key": "owner", "Value": "tf"}])["Policy"]["Arn"]
out["arn"] = arn

def versions():
    return iam.list_policy_versions(PolicyArn=arn)["Versions"]

def prune():
    vs = versions()
    if len(vs) < 5:
        return None
    oldest = None
    for v in vs:
        if v["IsDefaultVersion"]:
            continue
        if oldest is None or v["CreateDate"] < oldest["CreateDate"]:
            oldest = v
    iam.delete_policy_version(PolicyArn=arn, VersionId=oldest["VersionId"])
    return oldest["VersionId"]

for n in range(1, 7):
    if len(versions()) >= 5 and "limit" not in out:
        try:
            iam.create_policy_version(PolicyArn=arn, PolicyDocument=doc(n), SetAsDefault=True)
        except ClientError as e:
            out["limit"] = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    pruned = prune()
    created = iam.create_policy_version(PolicyArn=arn, PolicyDocument=doc(n), SetAsDefault=True)["PolicyVersion"]
    policy = iam.get_policy(PolicyArn=arn)["Policy"]
    current = iam.get_policy_version(PolicyArn=arn, VersionId=policy["DefaultVersionId"])["PolicyVersion"]
    out["updates"].append({"pruned": pruned, "created": created["VersionId"], "default": policy["DefaultVersionId"],
        "resource": current["Document"]["Statement"][0]["Resource"], "versions": [v["VersionId"] for v in versions()]})

for v in versions():
    if not v["IsDefaultVersion"]:
        iam.delete_policy_version(PolicyArn=arn, VersionId=v["VersionId"])
iam.delete_policy(PolicyArn=arn)
try:
    iam.get_policy(PolicyArn=arn)
except ClientError as e:
    out["gone"] = e.response["Error"]["Code"]
out["local"] = iam.list_policies(Scope="Local")["Policies"]
print(json.dumps(out))
`;

describe.skipIf(warnIfMissing('boto3', boto3Missing))('an aws_iam_policy lifecycle as terraform-provider-aws makes it, with boto3', () => {
  let eksid: EksidProcess;
  beforeAll(async () => {
    eksid = await startEksid();
  });
  afterAll(async () => eksid?.stop());

  it('should create, update the document six times pruning at five versions, and destroy leaving nothing', async () => {
    const result = await run('python3', ['-c', LIFECYCLE], isolatedAwsEnv(eksid.url, ROOT_KEYS));
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.arn).toBe('arn:aws:iam::000000000000:policy/tf/tf-policy');
    expect(out.limit).toEqual({
      code: 'LimitExceeded',
      status: 409,
      message: 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    });
    expect(out.updates.map((u: { created: string; default: string; resource: string }) => [u.created, u.default, u.resource])).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => [`v${n + 1}`, `v${n + 1}`, `arn:aws:s3:::bucket-${n}/*`]),
    );
    // Pruning starts at five versions; ids are never reused, and five at most remain.
    expect(out.updates.map((u: { pruned: string | null }) => u.pruned).slice(0, 4)).toEqual([null, null, null, null]);
    expect(out.updates[5].versions).toHaveLength(5);
    expect(out.updates[5].versions[0]).toBe('v7');
    expect(out.gone).toBe('NoSuchEntity');
    expect(out.local).toEqual([]);
  });
});

describe.skipIf(warnIfMissing('aws CLI', awsCliMissing))('data "aws_iam_policy" with the aws CLI', () => {
  let eksid: EksidProcess;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    eksid = await startEksid();
    env = isolatedAwsEnv(eksid.url, ROOT_KEYS);
  });
  afterAll(async () => eksid?.stop());

  it('should read AmazonS3ReadOnlyAccess and its default version real document', async () => {
    const arn = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
    const { Policy: policy } = await awsJson<{ Policy: Record<string, unknown> }>(['iam', 'get-policy', '--policy-arn', arn], env);
    expect(policy).toMatchObject({ PolicyName: 'AmazonS3ReadOnlyAccess', Arn: arn, Path: '/', DefaultVersionId: 'v3', IsAttachable: true, AttachmentCount: 0 });
    const { PolicyVersion: version } = await awsJson<{ PolicyVersion: Record<string, unknown> }>(['iam', 'get-policy-version', '--policy-arn', arn, '--version-id', 'v3'], env);
    expect(version).toMatchObject({ VersionId: 'v3', IsDefaultVersion: true });
    expect(version['Document']).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' }],
    });
  });

  it('should list the whole catalogue with --scope AWS across pages, and refuse a made-up ARN', async () => {
    const { Policies: policies } = await awsJson<{ Policies: { Arn: string }[] }>(['iam', 'list-policies', '--scope', 'AWS', '--page-size', '400'], env);
    expect(policies).toHaveLength(1594);
    expect(policies.map((p) => p.Arn)).toContain('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
    const made = await run('aws', ['iam', 'get-policy', '--policy-arn', 'arn:aws:iam::aws:policy/TotallyMadeUp'], env);
    expect(made.stderr.trim()).toBe('An error occurred (NoSuchEntity) when calling the GetPolicy operation: Policy arn:aws:iam::aws:policy/TotallyMadeUp was not found.');
    await awsJson(['iam', 'create-role', '--role-name', 'r', '--assume-role-policy-document', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'], env);
    const attach = await run('aws', ['iam', 'attach-role-policy', '--role-name', 'r', '--policy-arn', 'arn:aws:iam::aws:policy/TotallyMadeUp'], env);
    expect(attach.stderr.trim()).toBe('An error occurred (NoSuchEntity) when calling the AttachRolePolicy operation: Policy arn:aws:iam::aws:policy/TotallyMadeUp does not exist or is not attachable.');
  });
});
