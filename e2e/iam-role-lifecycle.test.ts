import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, boto3Missing, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';

/*
 * The calls terraform-provider-aws makes to destroy an aws_iam_role (internal/service/iam/role.go
 * deleteRole): deleteRoleInstanceProfiles (ListInstanceProfilesForRole, tolerating only
 * NoSuchEntity, then RemoveRoleFromInstanceProfile for each, tolerating NoSuchEntity), then
 * ListAttachedRolePolicies + DetachRolePolicy, ListRolePolicies + DeleteRolePolicy, DeleteRole.
 * The role is set up as an aws_iam_instance_profile, a permissions boundary update
 * (PutRolePermissionsBoundary, then DeleteRolePermissionsBoundary) and attachments leave it.
 * Replayed with boto3.
 */
const LIFECYCLE = `
import boto3, json
from botocore.exceptions import ClientError
iam = boto3.client("iam")
def err(fn, **kw):
    try:
        fn(**kw)
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
doc = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
out = {}
role = "tf-node"
iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust)
iam.put_role_permissions_boundary(RoleName=role, PermissionsBoundary="arn:aws:iam::aws:policy/ReadOnlyAccess")
out["boundary"] = iam.get_role(RoleName=role)["Role"]["PermissionsBoundary"]["PermissionsBoundaryArn"]
out["bad_boundary"] = err(iam.put_role_permissions_boundary, RoleName=role, PermissionsBoundary="arn:aws:iam::aws:policy/TotallyMadeUp")
iam.delete_role_permissions_boundary(RoleName=role)
out["boundary_after_delete"] = "PermissionsBoundary" in iam.get_role(RoleName=role)["Role"]
arn = iam.create_policy(PolicyName="tf-node-policy", PolicyDocument=doc)["Policy"]["Arn"]
iam.attach_role_policy(RoleName=role, PolicyArn=arn)
iam.put_role_policy(RoleName=role, PolicyName="inline", PolicyDocument=doc)
profile = iam.create_instance_profile(InstanceProfileName="tf-node-profile", Path="/tf/", Tags=[{"Key": "owner", "Value": "tf"}])["InstanceProfile"]
out["created"] = {"id": profile["InstanceProfileId"][:4], "arn": profile["Arn"], "roles": profile["Roles"], "tags": profile["Tags"]}
iam.add_role_to_instance_profile(InstanceProfileName="tf-node-profile", RoleName=role)
out["second_role"] = err(iam.add_role_to_instance_profile, InstanceProfileName="tf-node-profile", RoleName=role)
out["profile_roles"] = [r["RoleName"] for r in iam.get_instance_profile(InstanceProfileName="tf-node-profile")["InstanceProfile"]["Roles"]]
out["early_delete"] = err(iam.delete_role, RoleName=role)
out["early_profile_delete"] = err(iam.delete_instance_profile, InstanceProfileName="tf-node-profile")

def destroy_role(name):
    calls = []
    try:
        profiles = [p for page in iam.get_paginator("list_instance_profiles_for_role").paginate(RoleName=name) for p in page["InstanceProfiles"]]
    except ClientError as e:
        if e.response["Error"]["Code"] != "NoSuchEntity":
            raise
        calls.append("ListInstanceProfilesForRole:NoSuchEntity")
        profiles = []
    for p in profiles:
        calls.append("RemoveRoleFromInstanceProfile:" + p["InstanceProfileName"])
        iam.remove_role_from_instance_profile(InstanceProfileName=p["InstanceProfileName"], RoleName=name)
    try:
        for page in iam.get_paginator("list_attached_role_policies").paginate(RoleName=name):
            for p in page["AttachedPolicies"]:
                calls.append("DetachRolePolicy:" + p["PolicyName"])
                iam.detach_role_policy(RoleName=name, PolicyArn=p["PolicyArn"])
        for page in iam.get_paginator("list_role_policies").paginate(RoleName=name):
            for p in page["PolicyNames"]:
                calls.append("DeleteRolePolicy:" + p)
                iam.delete_role_policy(RoleName=name, PolicyName=p)
        iam.delete_role(RoleName=name)
        calls.append("DeleteRole")
    except ClientError as e:
        if e.response["Error"]["Code"] != "NoSuchEntity":
            raise
        calls.append("NoSuchEntity")
    return calls

out["destroy"] = destroy_role(role)
out["destroy_again"] = destroy_role(role)
out["profile_after"] = iam.get_instance_profile(InstanceProfileName="tf-node-profile")["InstanceProfile"]["Roles"]
iam.delete_instance_profile(InstanceProfileName="tf-node-profile")
iam.delete_policy(PolicyArn=arn)
out["left"] = {"roles": iam.list_roles()["Roles"], "profiles": iam.list_instance_profiles()["InstanceProfiles"], "policies": iam.list_policies(Scope="Local")["Policies"]}
print(json.dumps(out))
`;

describe.skipIf(warnIfMissing('boto3', boto3Missing))('an aws_iam_role destroy as terraform-provider-aws makes it, with boto3', () => {
  let eksid: EksidProcess;
  beforeAll(async () => {
    eksid = await startEksid();
  });
  afterAll(async () => eksid?.stop());

  it('should remove the role from its instance profile, detach and delete its policies, delete it, and leave nothing', async () => {
    const result = await run('python3', ['-c', LIFECYCLE], isolatedAwsEnv(eksid.url, ROOT_KEYS));
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.boundary).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(out.bad_boundary).toEqual({ code: 'NoSuchEntity', status: 404, message: 'Scope ARN: arn:aws:iam::aws:policy/TotallyMadeUp does not exist or is not attachable.' });
    expect(out.boundary_after_delete).toBe(false);
    expect(out.created).toEqual({ id: 'AIPA', arn: 'arn:aws:iam::000000000000:instance-profile/tf/tf-node-profile', roles: [], tags: [{ Key: 'owner', Value: 'tf' }] });
    expect(out.second_role).toEqual({ code: 'LimitExceeded', status: 409, message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1' });
    expect(out.profile_roles).toEqual(['tf-node']);
    const conflict = { code: 'DeleteConflict', status: 409, message: 'Cannot delete entity, must remove roles from instance profile first.' };
    expect(out.early_delete).toEqual(conflict);
    expect(out.early_profile_delete).toEqual(conflict);
    expect(out.destroy).toEqual(['RemoveRoleFromInstanceProfile:tf-node-profile', 'DetachRolePolicy:tf-node-policy', 'DeleteRolePolicy:inline', 'DeleteRole']);
    // A second destroy (the role already gone) meets only NoSuchEntity, which the provider tolerates.
    expect(out.destroy_again).toEqual(['ListInstanceProfilesForRole:NoSuchEntity', 'NoSuchEntity']);
    expect(out.profile_after).toEqual([]);
    expect(out.left).toEqual({ roles: [], profiles: [], policies: [] });
  });
});
