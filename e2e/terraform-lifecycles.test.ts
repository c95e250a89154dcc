import { afterAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import { ROOT_KEYS, boto3Missing, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';
import { BOTO3_HELPERS } from './support/boto3-helpers.js';

/*
 * The call sequences terraform-provider-aws makes for each resource's create, read, update and
 * destroy (internal/service/iam/*.go, internal/service/eks/{pod_identity_association,addon}.go), replayed
 * with boto3 against a real `eksid up`; every lifecycle ends with List* calls showing nothing left.
 * aws_iam_policy's version pruning is e2e/iam-policy-lifecycle.test.ts, data "aws_iam_policy" by
 * ARN is there too, and aws_eks_pod_identity_association's create/tags/delete is
 * e2e/eks-lifecycles.test.ts: this file adds the calls those do not make.
 */
const ACCOUNT = '000000000000';
const eksid = await startEksid();
const admin = isolatedAwsEnv(eksid.url, ROOT_KEYS);
afterAll(async () => eksid.stop());

const PRELUDE = `${BOTO3_HELPERS}
import json, sys, uuid, boto3
from botocore.exceptions import ClientError
iam = boto3.client('iam')
eks = boto3.client('eks')
out = {}
FULL = len(sys.argv) > 1 and sys.argv[1] == 'full'
def pages(client, op, key, **kw):
    return [x for page in client.get_paginator(op).paginate(**kw) for x in page[key]]
def s3(bucket):
    return doc({'Effect': 'Allow', 'Action': 's3:GetObject', 'Resource': f'arn:aws:s3:::{bucket}/*'})
def tags(items):
    return {t['Key']: t['Value'] for t in items}
def left():
    return {'roles': [r['RoleName'] for r in pages(iam, 'list_roles', 'Roles')],
            'policies': [p['Arn'] for p in pages(iam, 'list_policies', 'Policies', Scope='Local')],
            'providers': iam.list_open_id_connect_providers()['OpenIDConnectProviderList']}
`;

async function replay(script: string, ...args: string[]): Promise<Record<string, unknown>> {
  const result = await run('python3', ['-c', PRELUDE + script, ...args], admin);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

const NOTHING_LEFT = { roles: [], policies: [], providers: [] };

/*
 * aws_iam_role, internal/service/iam/role.go:
 * - resourceRoleCreate: CreateRole (retryCreateRole) with path, description, max session,
 *   boundary and tags; PutRolePolicy per inline_policy (addRoleInlinePolicies); AttachRolePolicy
 *   per managed_policy_arns (addRoleManagedPolicies); then Read.
 * - resourceRoleRead: GetRole (FindRoleByName; tags come from it), ListRolePolicies + GetRolePolicy
 *   each (readRoleInlinePolicies), ListAttachedRolePolicies (readRolePolicyAttachments).
 * - resourceRoleUpdate, in its order: UpdateAssumeRolePolicy, UpdateRoleDescription, UpdateRole
 *   (MaxSessionDuration), Put/DeleteRolePermissionsBoundary, DeleteRolePolicy of removed then
 *   PutRolePolicy of added inline policies, DetachRolePolicy then AttachRolePolicy, and
 *   roleUpdateTags: UntagRole of removed keys, TagRole of new and changed ones; then Read.
 * - resourceRoleDelete → DeleteRole: deleteRoleInstanceProfiles (ListInstanceProfilesForRole,
 *   RemoveRoleFromInstanceProfile each), then with managed/inline policies in the config:
 *   ListAttachedRolePolicies + DetachRolePolicy, ListRolePolicies + DeleteRolePolicy; DeleteRole;
 *   NoSuchEntity is success. A later plan's Read of it gets NoSuchEntity and drops it from state.
 * FULL adds the calls the profiles branch brings: the boundary changes and the instance-profile
 * step of destroy, with the role in a profile (an aws_iam_instance_profile made beside it).
 */
const ROLE_LIFECYCLE = `
trust = lambda service: doc({'Effect': 'Allow', 'Principal': {'Service': service}, 'Action': 'sts:AssumeRole'})
extra = iam.create_policy(PolicyName='tf-role-extra', PolicyDocument=s3('extra'))['Policy']['Arn']
bound = lambda n: iam.create_policy(PolicyName=f'tf-boundary-{n}', PolicyDocument=doc({'Effect': 'Allow', 'Action': 's3:*', 'Resource': '*'}))['Policy']['Arn']
boundary1, boundary2 = bound(1), bound(2)
ro = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
name = 'tf-role'

def read():
    role = iam.get_role(RoleName=name)['Role']
    inline = {n: iam.get_role_policy(RoleName=name, PolicyName=n)['PolicyDocument']['Statement'][0]['Resource'] for n in pages(iam, 'list_role_policies', 'PolicyNames', RoleName=name)}
    managed = sorted(p['PolicyArn'] for p in pages(iam, 'list_attached_role_policies', 'AttachedPolicies', RoleName=name))
    return {'arn': role['Arn'], 'path': role['Path'], 'description': role.get('Description'), 'maxSession': role['MaxSessionDuration'],
            'trust': role['AssumeRolePolicyDocument']['Statement'][0]['Principal'],
            'boundary': role.get('PermissionsBoundary', {}).get('PermissionsBoundaryArn'),
            'inline': inline, 'managed': managed, 'tags': tags(role.get('Tags', []))}

iam.create_role(RoleName=name, Path='/tf/', AssumeRolePolicyDocument=trust('ec2.amazonaws.com'), Description='made by terraform',
                MaxSessionDuration=3600, PermissionsBoundary=boundary1, Tags=[{'Key': 'team', 'Value': 'a'}, {'Key': 'env', 'Value': 'dev'}])
iam.put_role_policy(RoleName=name, PolicyName='read-a', PolicyDocument=s3('a'))
iam.attach_role_policy(RoleName=name, PolicyArn=extra)
out['created'] = read()

iam.update_assume_role_policy(RoleName=name, PolicyDocument=trust('lambda.amazonaws.com'))
iam.update_role_description(RoleName=name, Description='changed by terraform')
iam.update_role(RoleName=name, MaxSessionDuration=7200)
if FULL:
    iam.put_role_permissions_boundary(RoleName=name, PermissionsBoundary=boundary2)
iam.delete_role_policy(RoleName=name, PolicyName='read-a')
iam.put_role_policy(RoleName=name, PolicyName='read-b', PolicyDocument=s3('b'))
iam.detach_role_policy(RoleName=name, PolicyArn=extra)
iam.attach_role_policy(RoleName=name, PolicyArn=ro)
iam.untag_role(RoleName=name, TagKeys=['env'])
iam.tag_role(RoleName=name, Tags=[{'Key': 'team', 'Value': 'b'}, {'Key': 'owner', 'Value': 'x'}])
out['updated'] = read()

if FULL:
    # permissions_boundary removed from the config.
    iam.delete_role_permissions_boundary(RoleName=name)
    out['unbounded'] = read()['boundary']
    iam.create_instance_profile(InstanceProfileName='tf-profile')
    iam.add_role_to_instance_profile(InstanceProfileName='tf-profile', RoleName=name)
    for profile in iam.list_instance_profiles_for_role(RoleName=name)['InstanceProfiles']:
        iam.remove_role_from_instance_profile(InstanceProfileName=profile['InstanceProfileName'], RoleName=name)
for arn in [p['PolicyArn'] for p in pages(iam, 'list_attached_role_policies', 'AttachedPolicies', RoleName=name)]:
    iam.detach_role_policy(RoleName=name, PolicyArn=arn)
for policy in pages(iam, 'list_role_policies', 'PolicyNames', RoleName=name):
    iam.delete_role_policy(RoleName=name, PolicyName=policy)
iam.delete_role(RoleName=name)
out['reread'] = error(lambda: iam.get_role(RoleName=name))
out['deleteAgain'] = error(lambda: iam.delete_role(RoleName=name))
if FULL:
    out['profileRoles'] = iam.get_instance_profile(InstanceProfileName='tf-profile')['InstanceProfile']['Roles']
    iam.delete_instance_profile(InstanceProfileName='tf-profile')
    out['profiles'] = iam.list_instance_profiles()['InstanceProfiles']
for arn in [extra, boundary1, boundary2]:
    iam.delete_policy(PolicyArn=arn)
out['left'] = left()
print(json.dumps(out))
`;

const createdRole = {
  arn: `arn:aws:iam::${ACCOUNT}:role/tf/tf-role`,
  path: '/tf/',
  description: 'made by terraform',
  maxSession: 3600,
  trust: { Service: 'ec2.amazonaws.com' },
  boundary: `arn:aws:iam::${ACCOUNT}:policy/tf-boundary-1`,
  inline: { 'read-a': 'arn:aws:s3:::a/*' },
  managed: [`arn:aws:iam::${ACCOUNT}:policy/tf-role-extra`],
  tags: { team: 'a', env: 'dev' },
};
const updatedRole = {
  ...createdRole,
  description: 'changed by terraform',
  maxSession: 7200,
  trust: { Service: 'lambda.amazonaws.com' },
  inline: { 'read-b': 'arn:aws:s3:::b/*' },
  managed: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
  tags: { team: 'b', owner: 'x' },
};
const roleGone = ['NoSuchEntity', 'The role with name tf-role cannot be found.'];

/*
 * aws_iam_policy, internal/service/iam/policy.go as of the aws-sdk-go-v2 provider:
 * resourcePolicyCreate = CreatePolicy with description, path and tags; resourcePolicyRead =
 * GetPolicy (findPolicyByARN; tags from it) + GetPolicyVersion of its DefaultVersionId;
 * resourcePolicyUpdate = policyPruneVersions (ListPolicyVersions) then CreatePolicyVersion with
 * SetAsDefault false and SetDefaultPolicyVersion apart ("Creating Policy and Setting the version as
 * Default in one operation is causing Access issues"), tag changes through policyUpdateTags
 * (UntagPolicy, TagPolicy; ListPolicyTags is its policyTags lister); resourcePolicyDelete =
 * ListPolicyVersions, DeletePolicyVersion of each non-default one, DeletePolicy (NoSuchEntity is success).
 */
const POLICY_LIFECYCLE = `
arn = iam.create_policy(PolicyName='tf-policy', Path='/tf/', Description='made by terraform', PolicyDocument=s3('a'),
                        Tags=[{'Key': 'team', 'Value': 'a'}, {'Key': 'env', 'Value': 'dev'}])['Policy']['Arn']
def read():
    policy = iam.get_policy(PolicyArn=arn)['Policy']
    version = iam.get_policy_version(PolicyArn=arn, VersionId=policy['DefaultVersionId'])['PolicyVersion']
    return {'default': policy['DefaultVersionId'], 'description': policy.get('Description'), 'tags': tags(policy.get('Tags', [])),
            'resource': version['Document']['Statement'][0]['Resource']}
out['created'] = read()

versions = pages(iam, 'list_policy_versions', 'Versions', PolicyArn=arn)
created = iam.create_policy_version(PolicyArn=arn, PolicyDocument=s3('b'), SetAsDefault=False)['PolicyVersion']
out['beforeDefault'] = [created['VersionId'], created['IsDefaultVersion'], read()['resource']]
iam.set_default_policy_version(PolicyArn=arn, VersionId=created['VersionId'])
out['updated'] = read()
if FULL:
    iam.untag_policy(PolicyArn=arn, TagKeys=['env'])
    iam.tag_policy(PolicyArn=arn, Tags=[{'Key': 'team', 'Value': 'b'}, {'Key': 'owner', 'Value': 'x'}])
    out['listedTags'] = tags(iam.list_policy_tags(PolicyArn=arn)['Tags'])
    out['retagged'] = read()['tags']

for v in pages(iam, 'list_policy_versions', 'Versions', PolicyArn=arn):
    if not v['IsDefaultVersion']:
        iam.delete_policy_version(PolicyArn=arn, VersionId=v['VersionId'])
iam.delete_policy(PolicyArn=arn)
out['reread'] = error(lambda: iam.get_policy(PolicyArn=arn))
out['deleteAgain'] = error(lambda: iam.delete_policy(PolicyArn=arn))
out['left'] = left()
print(json.dumps(out))
`;

/*
 * aws_iam_role_policy, internal/service/iam/role_policy.go: resourceRolePolicyPut (create and
 * update alike) = PutRolePolicy, then on create FindRolePolicyByTwoPartKey (GetRolePolicy) until
 * found; Read = GetRolePolicy; Delete = DeleteRolePolicy, NoSuchEntity is success.
 */
const ROLE_POLICY_LIFECYCLE = `
iam.create_role(RoleName='tf-inline', AssumeRolePolicyDocument=doc({'Effect': 'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': 'sts:AssumeRole'}))
read = lambda: iam.get_role_policy(RoleName='tf-inline', PolicyName='tf-read')
iam.put_role_policy(RoleName='tf-inline', PolicyName='tf-read', PolicyDocument=s3('a'))
got = read()
out['created'] = [got['RoleName'], got['PolicyName'], got['PolicyDocument']['Statement'][0]['Resource']]
iam.put_role_policy(RoleName='tf-inline', PolicyName='tf-read', PolicyDocument=s3('b'))
out['updated'] = read()['PolicyDocument']['Statement'][0]['Resource']
out['names'] = iam.list_role_policies(RoleName='tf-inline')['PolicyNames']
iam.delete_role_policy(RoleName='tf-inline', PolicyName='tf-read')
out['reread'] = error(read)
out['deleteAgain'] = error(lambda: iam.delete_role_policy(RoleName='tf-inline', PolicyName='tf-read'))
out['namesAfter'] = iam.list_role_policies(RoleName='tf-inline')['PolicyNames']
iam.delete_role(RoleName='tf-inline')
out['left'] = left()
print(json.dumps(out))
`;

/*
 * aws_iam_role_policy_attachment, internal/service/iam/role_policy_attachment.go: Create =
 * attachPolicyToRole (AttachRolePolicy); Read = RoleHasPolicyARNAttachment (every page of
 * ListAttachedRolePolicies, looking for the ARN); Delete = DetachPolicyFromRole
 * (DetachRolePolicy), NoSuchEntity is success. Both a customer and an AWS-managed policy.
 */
const ATTACHMENT_LIFECYCLE = `
iam.create_role(RoleName='tf-attach', AssumeRolePolicyDocument=doc({'Effect': 'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': 'sts:AssumeRole'}))
mine = iam.create_policy(PolicyName='tf-attached', PolicyDocument=s3('a'))['Policy']['Arn']
ro = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
attached = lambda arn: any(p['PolicyArn'] == arn for p in pages(iam, 'list_attached_role_policies', 'AttachedPolicies', RoleName='tf-attach'))
count = lambda arn: iam.get_policy(PolicyArn=arn)['Policy']['AttachmentCount']
for arn in [mine, ro]:
    iam.attach_role_policy(RoleName='tf-attach', PolicyArn=arn)
out['read'] = [attached(mine), attached(ro), count(mine), count(ro)]
for arn in [mine, ro]:
    iam.detach_role_policy(RoleName='tf-attach', PolicyArn=arn)
out['reread'] = [attached(mine), attached(ro), count(mine), count(ro)]
out['detachAgain'] = error(lambda: iam.detach_role_policy(RoleName='tf-attach', PolicyArn=mine))
iam.delete_policy(PolicyArn=mine)
iam.delete_role(RoleName='tf-attach')
out['left'] = left()
print(json.dumps(out))
`;

/*
 * aws_iam_openid_connect_provider, internal/service/iam/openid_connect_provider.go: Create =
 * CreateOpenIDConnectProvider (client ids, thumbprints, tags, URL); Read =
 * findOpenIDConnectProviderByARN (GetOpenIDConnectProvider; tags from it); Update =
 * UpdateOpenIDConnectProviderThumbprint when the list changed and is not empty, then
 * AddClientIDToOpenIDConnectProvider for each added id and RemoveClientIDFromOpenIDConnectProvider
 * for each removed one; tags through the generated updateTags (UntagOpenIDConnectProvider of
 * removed keys, then TagOpenIDConnectProvider); Delete = DeleteOpenIDConnectProvider, NoSuchEntity is success.
 */
const OIDC_LIFECYCLE = `
t1, t2 = '9e99a48a9960b14926bb7f3b02e22da2b0ab7280', 'a' * 40
arn = iam.create_open_id_connect_provider(Url='https://oidc.example.com/id/TF', ClientIDList=['sts.amazonaws.com'], ThumbprintList=[t1],
                                          Tags=[{'Key': 'team', 'Value': 'a'}, {'Key': 'env', 'Value': 'dev'}])['OpenIDConnectProviderArn']
def read():
    p = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    return {'url': p['Url'], 'clientIds': sorted(p['ClientIDList']), 'thumbprints': p['ThumbprintList'], 'tags': tags(p.get('Tags', []))}
out['arn'] = arn
out['created'] = read()
iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=[t2])
iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID='my-app')
iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID='sts.amazonaws.com')
iam.untag_open_id_connect_provider(OpenIDConnectProviderArn=arn, TagKeys=['env'])
iam.tag_open_id_connect_provider(OpenIDConnectProviderArn=arn, Tags=[{'Key': 'team', 'Value': 'b'}, {'Key': 'owner', 'Value': 'x'}])
out['updated'] = read()
out['listedTags'] = tags(iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn)['Tags'])
iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
out['reread'] = error(lambda: iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn))
out['deleteAgain'] = error(lambda: iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn))
out['left'] = left()
print(json.dumps(out))
`;

/*
 * data "aws_iam_policy" by name, internal/service/iam/policy_data_source.go dataSourcePolicyRead:
 * without an ARN, findPolicyByTwoPartKey = every page of ListPolicies (no Scope; PathPrefix when
 * path_prefix is set) filtered by name, exactly one expected; then GetPolicy ("ListPolicies doesn't
 * return all values") and GetPolicyVersion of its default version.
 */
const POLICY_DATA_SOURCE = `
mine = iam.create_policy(PolicyName='tf-data', Path='/tf/', Description='for the data source', PolicyDocument=s3('a'), Tags=[{'Key': 'team', 'Value': 'a'}])['Policy']['Arn']
def lookup(name, path_prefix=''):
    kw = {'PathPrefix': path_prefix} if path_prefix else {}
    found = [p for p in pages(iam, 'list_policies', 'Policies', **kw) if p['PolicyName'] == name]
    if len(found) != 1:
        return len(found)
    policy = iam.get_policy(PolicyArn=found[0]['Arn'])['Policy']
    version = iam.get_policy_version(PolicyArn=policy['Arn'], VersionId=policy['DefaultVersionId'])['PolicyVersion']
    return {'arn': policy['Arn'], 'path': policy['Path'], 'description': policy.get('Description'), 'tags': tags(policy.get('Tags', [])),
            'statement': version['Document']['Statement'][0]}
out['aws'] = lookup('AmazonS3ReadOnlyAccess')
out['mine'] = lookup('tf-data', '/tf/')
out['wrongPath'] = lookup('tf-data', '/other/')
out['unknown'] = lookup('NoSuchPolicyAnywhere')
iam.delete_policy(PolicyArn=mine)
out['left'] = left()
print(json.dumps(out))
`;

/*
 * aws_eks_pod_identity_association's role_arn change, internal/service/eks/pod_identity_association.go
 * Update: UpdatePodIdentityAssociation with the plan expanded (association id, cluster, role ARN,
 * disable_session_tags) and a fresh ClientRequestToken, retried while IAM says "Role provided in
 * the request does not exist"; then DescribePodIdentityAssociation on the next Read. The pod's
 * next credentials (EKS Auth AssumeRoleForPodIdentity, as the agent asks) are the new role's.
 * The cluster is made first, so that tokens for its issuer (argv 1 and 2) can be minted.
 */
const POD_IDENTITY_UPDATE = `
auth = boto3.client('eks-auth')
pods = doc({'Effect': 'Allow', 'Principal': {'Service': 'pods.eks.amazonaws.com'}, 'Action': ['sts:AssumeRole', 'sts:TagSession']})
for role in ['tf-pod-a', 'tf-pod-b']:
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=pods)
aid = eks.create_pod_identity_association(clusterName='tf-pia', namespace='default', serviceAccount='app', roleArn='arn:aws:iam::${ACCOUNT}:role/tf-pod-a',
                                          clientRequestToken=str(uuid.uuid4()))['association']['associationId']
out['before'] = auth.assume_role_for_pod_identity(clusterName='tf-pia', token=sys.argv[1])['assumedRoleUser']['arn'].split('/')[1]
update = dict(clusterName='tf-pia', associationId=aid, roleArn='arn:aws:iam::${ACCOUNT}:role/tf-pod-missing', disableSessionTags=False)
out['missingRole'] = error(lambda: eks.update_pod_identity_association(clientRequestToken=str(uuid.uuid4()), **update))
updated = eks.update_pod_identity_association(clientRequestToken=str(uuid.uuid4()), **{**update, 'roleArn': 'arn:aws:iam::${ACCOUNT}:role/tf-pod-b'})['association']
read = eks.describe_pod_identity_association(clusterName='tf-pia', associationId=aid)['association']
out['updated'] = [updated['roleArn'], read['roleArn'], read['disableSessionTags']]
out['after'] = auth.assume_role_for_pod_identity(clusterName='tf-pia', token=sys.argv[2])['assumedRoleUser']['arn'].split('/')[1]
eks.delete_pod_identity_association(clusterName='tf-pia', associationId=aid)
out['associations'] = eks.list_pod_identity_associations(clusterName='tf-pia')['associations']
eks.delete_cluster(name='tf-pia')
for role in ['tf-pod-a', 'tf-pod-b']:
    iam.delete_role(RoleName=role)
out['clusters'] = eks.list_clusters()['clusters']
out['left'] = left()
print(json.dumps(out))
`;

/*
 * aws_eks_addon, internal/service/eks/addon.go:
 * - resourceAddonCreate: CreateAddon with a fresh ClientRequestToken, addon_version,
 *   resolve_conflicts_on_create, service_account_role_arn, configuration_values and tags; then
 *   waitAddonCreated (DescribeAddon until ACTIVE) and Read (DescribeAddon).
 * - resourceAddonUpdate, when addon_version, service_account_role_arn, configuration_values or
 *   pod_identity_association change: UpdateAddon with a fresh ClientRequestToken, the changed
 *   members (an emptied pod_identity_association as []), resolve_conflicts_on_update, and the
 *   role whenever one is set; then waitAddonUpdateSuccessful: DescribeUpdate(name, updateId,
 *   addonName) while InProgress, until Successful (Failed or Cancelled is an error with the
 *   update's errors); then Read. The SDK resends the same token when it retries a call.
 * - resourceAddonDelete: DeleteAddon (ResourceNotFoundException is success), then
 *   waitAddonDeleted: DescribeAddon until ResourceNotFoundException.
 */
const ADDON_LIFECYCLE = `
import time
agent = 'eks-pod-identity-agent'
eks.create_cluster(name='tf-addon', roleArn='arn:aws:iam::${ACCOUNT}:role/eks', resourcesVpcConfig={'subnetIds': ['subnet-1']})
role = iam.create_role(RoleName='tf-addon-agent', AssumeRolePolicyDocument=doc({'Effect': 'Allow', 'Principal': {'Service': 'pods.eks.amazonaws.com'}, 'Action': ['sts:AssumeRole', 'sts:TagSession']}))['Role']['Arn']

def wait(read, done, pending):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        state = read()
        if state == done or state not in pending:
            return state
    return 'timed out'
def addon_status():
    found = error(lambda: eks.describe_addon(clusterName='tf-addon', addonName=agent))
    return 'gone' if found and found[0] == 'ResourceNotFoundException' else eks.describe_addon(clusterName='tf-addon', addonName=agent)['addon']['status']
def read():
    a = eks.describe_addon(clusterName='tf-addon', addonName=agent)['addon']
    return {'version': a['addonVersion'], 'role': a.get('serviceAccountRoleArn'), 'config': a.get('configurationValues'), 'associations': a['podIdentityAssociations'],
            'modifiedAfterCreated': a['modifiedAt'] >= a['createdAt']}
def update(**changes):
    u = eks.update_addon(clusterName='tf-addon', addonName=agent, clientRequestToken=str(uuid.uuid4()), resolveConflicts='OVERWRITE', **changes)['update']
    status = wait(lambda: eks.describe_update(name='tf-addon', updateId=u['id'], addonName=agent)['update']['status'], 'Successful', ['InProgress'])
    return {'answered': u['status'], 'type': u['type'], 'params': [p['type'] for p in u['params']], 'waited': status, 'id': u['id']}

eks.create_addon(clusterName='tf-addon', addonName=agent, addonVersion='v1.2.0-eksbuild.1', clientRequestToken=str(uuid.uuid4()), resolveConflicts='OVERWRITE',
                 serviceAccountRoleArn=role, tags={'team': 'a'})
out['created'] = [wait(addon_status, 'ACTIVE', ['CREATING', 'DEGRADED']), read()]

first = update(addonVersion='v1.3.9-eksbuild.3', configurationValues='{"agent":{"additionalArgs":{"-b":"169.254.170.23"}}}', serviceAccountRoleArn=role)
out['updated'] = [{k: v for k, v in first.items() if k != 'id'}, read()]
retry = dict(clusterName='tf-addon', addonName=agent, clientRequestToken='tf-retry', addonVersion='v1.3.8-eksbuild.2', serviceAccountRoleArn=role)
retried = [eks.update_addon(**retry)['update']['id'] for _ in range(2)]
out['retry'] = [retried[0] == retried[1], error(lambda: eks.update_addon(**{**retry, 'addonVersion': 'v1.3.9-eksbuild.3'}))]
second = update(configurationValues='', podIdentityAssociations=[], serviceAccountRoleArn=role)
out['emptied'] = [second['params'], second['waited'], read()]
out['updates'] = eks.list_updates(name='tf-addon', addonName=agent)['updateIds'] == [first['id'], retried[0], second['id']]
out['withoutAddonName'] = error(lambda: eks.describe_update(name='tf-addon', updateId=first['id']))[0]
out['badVersion'] = error(lambda: eks.update_addon(clusterName='tf-addon', addonName=agent, addonVersion='v9.9.9-eksbuild.1'))

eks.delete_addon(clusterName='tf-addon', addonName=agent)
out['deleted'] = wait(addon_status, 'gone', ['ACTIVE', 'DELETING'])
out['deleteAgain'] = error(lambda: eks.delete_addon(clusterName='tf-addon', addonName=agent))
out['updatesAfter'] = error(lambda: eks.describe_update(name='tf-addon', updateId=first['id'], addonName=agent))[0]
eks.delete_cluster(name='tf-addon')
iam.delete_role(RoleName='tf-addon-agent')
out['clusters'] = eks.list_clusters()['clusters']
out['left'] = left()
print(json.dumps(out))
`;

describe.skipIf(warnIfMissing('boto3', boto3Missing))('terraform-provider-aws lifecycles with boto3', () => {
  it('aws_iam_role: should create, read, update trust, description, session, inline, managed and tags, and destroy (boundaries, instance profiles and policy tags: the suite below)', async () => {
    const out = await replay(ROLE_LIFECYCLE);
    expect(out).toEqual({ created: createdRole, updated: updatedRole, reread: roleGone, deleteAgain: roleGone, left: NOTHING_LEFT });
  }, 60_000);

  it('aws_iam_policy: should update through CreatePolicyVersion without SetAsDefault then SetDefaultPolicyVersion, and destroy (without tag changes)', async () => {
    const out = await replay(POLICY_LIFECYCLE);
    const arn = `arn:aws:iam::${ACCOUNT}:policy/tf/tf-policy`;
    expect(out).toEqual({
      created: { default: 'v1', description: 'made by terraform', tags: { team: 'a', env: 'dev' }, resource: 'arn:aws:s3:::a/*' },
      beforeDefault: ['v2', false, 'arn:aws:s3:::a/*'],
      updated: { default: 'v2', description: 'made by terraform', tags: { team: 'a', env: 'dev' }, resource: 'arn:aws:s3:::b/*' },
      reread: ['NoSuchEntity', `Policy ${arn} was not found.`],
      deleteAgain: ['NoSuchEntity', `Policy ${arn} was not found.`],
      left: NOTHING_LEFT,
    });
  }, 60_000);

  it('aws_iam_role_policy: should put, read, put again, delete, and find it gone', async () => {
    expect(await replay(ROLE_POLICY_LIFECYCLE)).toEqual({
      created: ['tf-inline', 'tf-read', 'arn:aws:s3:::a/*'],
      updated: 'arn:aws:s3:::b/*',
      names: ['tf-read'],
      reread: ['NoSuchEntity', 'The role policy with name tf-read cannot be found.'],
      deleteAgain: ['NoSuchEntity', 'The role policy with name tf-read cannot be found.'],
      namesAfter: [],
      left: NOTHING_LEFT,
    });
  }, 60_000);

  it('aws_iam_role_policy_attachment: should attach a customer and an AWS-managed policy, find them by listing, and detach', async () => {
    expect(await replay(ATTACHMENT_LIFECYCLE)).toEqual({
      read: [true, true, 1, 1],
      reread: [false, false, 0, 0],
      detachAgain: ['NoSuchEntity', `Policy arn:aws:iam::${ACCOUNT}:policy/tf-attached was not found.`],
      left: NOTHING_LEFT,
    });
  }, 60_000);

  it('aws_iam_openid_connect_provider: should create, change thumbprints, client ids and tags, and destroy', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.example.com/id/TF`;
    expect(await replay(OIDC_LIFECYCLE)).toEqual({
      arn,
      created: { url: 'oidc.example.com/id/TF', clientIds: ['sts.amazonaws.com'], thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'], tags: { team: 'a', env: 'dev' } },
      updated: { url: 'oidc.example.com/id/TF', clientIds: ['my-app'], thumbprints: ['a'.repeat(40)], tags: { team: 'b', owner: 'x' } },
      listedTags: { team: 'b', owner: 'x' },
      reread: ['NoSuchEntity', `OpenIDConnect Provider not found for arn ${arn}`],
      deleteAgain: ['NoSuchEntity', `OpenId connect Provider ${arn} cannot be found.`],
      left: NOTHING_LEFT,
    });
  }, 60_000);

  it('data "aws_iam_policy": should find an AWS-managed and a customer policy by name across every ListPolicies page', async () => {
    expect(await replay(POLICY_DATA_SOURCE)).toEqual({
      // The catalogue's description is the catalog branch's concern; only that a value was read matters here.
      aws: {
        arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
        path: '/',
        description: expect.toSatisfy((d: unknown) => d === null || typeof d === 'string'),
        tags: {},
        statement: { Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' },
      },
      mine: {
        arn: `arn:aws:iam::${ACCOUNT}:policy/tf/tf-data`,
        path: '/tf/',
        description: 'for the data source',
        tags: { team: 'a' },
        statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' },
      },
      wrongPath: 0,
      unknown: 0,
      left: NOTHING_LEFT,
    });
  }, 120_000);

  it('aws_eks_pod_identity_association: should change the role with a fresh token, and hand the pod the new role', async () => {
    await replay(`eks.create_cluster(name='tf-pia', roleArn='arn:aws:iam::${ACCOUNT}:role/eks', resourcesVpcConfig={'subnetIds': ['subnet-1']})\nprint('{}')`);
    const token = (pod: string) => eksid.token({ cluster: 'tf-pia', namespace: 'default', serviceAccount: 'app', audience: 'pods.eks.amazonaws.com', pod });
    const out = await replay(POD_IDENTITY_UPDATE, await token('app-1'), await token('app-2'));
    expect(out).toEqual({
      before: 'tf-pod-a',
      missingRole: ['InvalidParameterException', 'Role provided in the request does not exist'],
      updated: [`arn:aws:iam::${ACCOUNT}:role/tf-pod-b`, `arn:aws:iam::${ACCOUNT}:role/tf-pod-b`, false],
      after: 'tf-pod-b',
      associations: [],
      clusters: [],
      left: NOTHING_LEFT,
    });
  }, 60_000);
  it('aws_eks_addon: should update version, configuration and role through UpdateAddon, wait on DescribeUpdate until Successful, and destroy', async () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/tf-addon-agent`;
    const config = '{"agent":{"additionalArgs":{"-b":"169.254.170.23"}}}';
    const params = ['AddonVersion', 'ServiceAccountRoleArn', 'ResolveConflicts', 'ConfigurationValues'];
    expect(await replay(ADDON_LIFECYCLE)).toEqual({
      created: ['ACTIVE', { version: 'v1.2.0-eksbuild.1', role, config: null, associations: [], modifiedAfterCreated: true }],
      updated: [
        { answered: 'InProgress', type: 'AddonUpdate', params, waited: 'Successful' },
        { version: 'v1.3.9-eksbuild.3', role, config, associations: [], modifiedAfterCreated: true },
      ],
      retry: [true, ['InvalidRequestException', 'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).']],
      emptied: [
        ['ServiceAccountRoleArn', 'ResolveConflicts', 'ConfigurationValues', 'PodIdentityAssociations'],
        'Successful',
        { version: 'v1.3.8-eksbuild.2', role, config: null, associations: [], modifiedAfterCreated: true },
      ],
      updates: true,
      withoutAddonName: 'ResourceNotFoundException',
      badVersion: ['InvalidParameterException', 'Addon version specified is not supported'],
      deleted: 'gone',
      deleteAgain: ['ResourceNotFoundException', 'No addon: eks-pod-identity-agent found in cluster: tf-addon'],
      updatesAfter: 'ResourceNotFoundException',
      clusters: [],
      left: NOTHING_LEFT,
    });
  }, 60_000);
});

describe.skipIf(warnIfMissing('boto3', boto3Missing))(
  'terraform-provider-aws lifecycles with boto3: instance profiles, role boundaries and policy tags', () => {
    it('aws_iam_role: should also change and remove the permissions boundary, and leave its instance profile on destroy', async () => {
      expect(await replay(ROLE_LIFECYCLE, 'full')).toEqual({
        created: createdRole,
        updated: { ...updatedRole, boundary: `arn:aws:iam::${ACCOUNT}:policy/tf-boundary-2` },
        unbounded: null,
        reread: roleGone,
        deleteAgain: roleGone,
        profileRoles: [],
        profiles: [],
        left: NOTHING_LEFT,
      });
    }, 60_000);

    it('aws_iam_policy: should also change tags with UntagPolicy and TagPolicy, read back by ListPolicyTags and GetPolicy', async () => {
      const out = await replay(POLICY_LIFECYCLE, 'full');
      expect([out['listedTags'], out['retagged'], out['left']]).toEqual([{ team: 'b', owner: 'x' }, { team: 'b', owner: 'x' }, NOTHING_LEFT]);
    }, 60_000);
  },
);
