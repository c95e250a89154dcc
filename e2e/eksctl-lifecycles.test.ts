import { afterAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import { ROOT_KEYS, boto3Missing, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';
import { BOTO3_HELPERS } from './support/boto3-helpers.js';

/*
 * The AWS calls eksctl (eksctl-io/eksctl) makes for `create iamserviceaccount` and `create
 * podidentityassociation` and their get/update/delete, replayed with boto3 against a real `eksid up`.
 * eksctl makes the IAM roles with CloudFormation stacks, which eksid does not emulate: the role the
 * stack's template describes (pkg/cfn/builder/iam.go IAMRoleResourceSet.AddAllResources) is made
 * here with the IAM calls CloudFormation would make for it, and then used, to show it works.
 * eksctl accepts only https issuers (pkg/iam/oidc/api.go NewOpenIDConnectManager), so eksid's
 * issuers are published under an https public URL; the clients still reach eksid on loopback.
 */
const ACCOUNT = '000000000000';
const eksid = await startEksid({ args: ['--public-url', 'https://eksid.test'] });
const admin = isolatedAwsEnv(eksid.url, ROOT_KEYS);
afterAll(async () => eksid.stop());

const PRELUDE = `${BOTO3_HELPERS}
import json, sys, boto3
from urllib.parse import urlparse
from botocore.exceptions import ClientError
iam = boto3.client('iam')
eks = boto3.client('eks')
sts = boto3.client('sts')
out = {}
def caller(creds):
    return boto3.client('sts', aws_access_key_id=creds[0], aws_secret_access_key=creds[1], aws_session_token=creds[2]).get_caller_identity()['Arn']
def left():
    return {'roles': [r['RoleName'] for r in iam.list_roles()['Roles']],
            'providers': iam.list_open_id_connect_providers()['OpenIDConnectProviderList'],
            'clusters': eks.list_clusters()['clusters']}
`;

async function replay(script: string, ...args: string[]): Promise<Record<string, unknown>> {
  const result = await run('python3', ['-c', PRELUDE + script, ...args], admin);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** The cluster exists before either flow (eksctl makes it with its own stacks); its issuer then mints tokens. */
async function createCluster(name: string): Promise<void> {
  await replay(`eks.create_cluster(name='${name}', roleArn='arn:aws:iam::${ACCOUNT}:role/eks', resourcesVpcConfig={'subnetIds': ['subnet-1']})\nprint('{}')`);
}

/*
 * `eksctl utils associate-iam-oidc-provider`, then `eksctl create iamserviceaccount --cluster ctl
 * --namespace default --name s3-reader --attach-policy-arn …AmazonS3ReadOnlyAccess` (with an
 * attachPolicy document in its config), then `eksctl delete iamserviceaccount` and the cluster's deletion:
 * - cmd.NewProviderForExistingCluster: DescribeCluster; ctl.NewOpenIDConnectManager keeps the
 *   issuer, adding ":443" when it has no port (NewOpenIDConnectManager).
 * - OpenIDConnectManager.CheckProviderExists: GetOpenIDConnectProvider of the ARN it derives,
 *   oidc-provider/<hostname><path> (no port); NoSuchEntity means absent.
 * - CreateProvider: CreateOpenIDConnectProvider with ClientIDList [sts.amazonaws.com], the issuer
 *   CA's SHA-1 thumbprint, the URL with its port, and the cluster tags.
 * - doCreateIAMServiceAccount checks the provider again (CheckProviderExists) before the stack.
 * - Stack eksctl-ctl-addon-iamserviceaccount-default-s3-reader: Role1 with the trust policy of
 *   MakeAssumeRolePolicyDocumentWithServiceAccountConditions (sub and aud, StringEquals), the stack
 *   tags, ManagedPolicyArns, and the AWS::IAM::Policy "${stack}-Policy1" (template AttachPolicy).
 *   With --subject-pattern, ...AllowingWildcard's StringLike sub instead.
 * - Deleting: the stack's deletion (DeleteRolePolicy, DetachRolePolicy, DeleteRole), then
 *   OpenIDConnectManager.DeleteProvider (DeleteOpenIDConnectProvider) and the cluster.
 */
const IRSA = `
cluster, stack = 'ctl', 'eksctl-ctl-addon-iamserviceaccount-default-s3-reader'
issuer = urlparse(eks.describe_cluster(name=cluster)['cluster']['identity']['oidc']['issuer'])
host_path = issuer.hostname + issuer.path
provider_arn = f'arn:aws:iam::${ACCOUNT}:oidc-provider/{host_path}'
out['before'] = error(lambda: iam.get_open_id_connect_provider(OpenIDConnectProviderArn=provider_arn))
created = iam.create_open_id_connect_provider(ClientIDList=['sts.amazonaws.com'], ThumbprintList=['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
                                              Url=f'https://{issuer.hostname}:{issuer.port or 443}{issuer.path}', Tags=[{'Key': 'alpha.eksctl.io/cluster-name', 'Value': cluster}])
out['created'] = [created['OpenIDConnectProviderArn'], created['OpenIDConnectProviderArn'] == provider_arn]
out['exists'] = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=provider_arn)['Url'] == host_path

def role1(name, subject_condition):
    trust = doc({'Effect': 'Allow', 'Action': ['sts:AssumeRoleWithWebIdentity'], 'Principal': {'Federated': provider_arn},
                 'Condition': {**subject_condition, 'StringEquals': {**subject_condition.get('StringEquals', {}), host_path + ':aud': 'sts.amazonaws.com'}}})
    stack_tags = [{'Key': 'alpha.eksctl.io/cluster-name', 'Value': cluster}, {'Key': 'eksctl.cluster.k8s.io/v1alpha1/cluster-name', 'Value': cluster},
                  {'Key': 'alpha.eksctl.io/iamserviceaccount-name', 'Value': 'default/s3-reader'}]
    return iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust, Tags=stack_tags)['Role']['Arn']

exact = role1('eksctl-ctl-addon-iamserviceaccount-def-Role1-1A2B3C4D5E6F', {'StringEquals': {host_path + ':sub': 'system:serviceaccount:default:s3-reader'}})
iam.attach_role_policy(RoleName='eksctl-ctl-addon-iamserviceaccount-def-Role1-1A2B3C4D5E6F', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
iam.put_role_policy(RoleName='eksctl-ctl-addon-iamserviceaccount-def-Role1-1A2B3C4D5E6F', PolicyName=f'{stack}-Policy1',
                    PolicyDocument=doc({'Effect': 'Allow', 'Action': 'sqs:SendMessage', 'Resource': '*'}))
wild = role1('eksctl-ctl-addon-iamserviceaccount-wil-Role1-6F5E4D3C2B1A', {'StringLike': {host_path + ':sub': 'system:serviceaccount:default:worker-*'}})

def assume(role, token):
    c = sts.assume_role_with_web_identity(RoleArn=role, RoleSessionName='botocore-session-1', WebIdentityToken=token)['Credentials']
    return caller([c['AccessKeyId'], c['SecretAccessKey'], c['SessionToken']])
out['s3Reader'] = assume(exact, sys.argv[1])
out['otherAccount'] = error(lambda: assume(exact, sys.argv[2]))
out['worker'] = assume(wild, sys.argv[3])
out['notWorker'] = error(lambda: assume(wild, sys.argv[1]))

for name in ['eksctl-ctl-addon-iamserviceaccount-def-Role1-1A2B3C4D5E6F', 'eksctl-ctl-addon-iamserviceaccount-wil-Role1-6F5E4D3C2B1A']:
    for policy in iam.list_role_policies(RoleName=name)['PolicyNames']:
        iam.delete_role_policy(RoleName=name, PolicyName=policy)
    for attached in iam.list_attached_role_policies(RoleName=name)['AttachedPolicies']:
        iam.detach_role_policy(RoleName=name, PolicyArn=attached['PolicyArn'])
    iam.delete_role(RoleName=name)
iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=provider_arn)
eks.delete_cluster(name=cluster)
out['left'] = left()
print(json.dumps(out))
`;

/*
 * `eksctl create podidentityassociation --cluster pid --namespace default --service-account-name app
 * --permission-policy-arns …AmazonS3ReadOnlyAccess`, then get, update (to a role given by ARN) and delete:
 * - doCreatePodIdentityAssociation: DescribeCluster; IsPodIdentityAgentInstalled
 *   (podidentityassociation/migrator.go): DescribeAddon eks-pod-identity-agent, where
 *   ResourceNotFoundException means absent and eksctl stops, asking for `eksctl create addon`.
 * - IAMRoleCreator.Create: stack eksctl-pid-podidentityrole-default-app, whose Role1 trusts
 *   pods.eks.amazonaws.com for sts:AssumeRole and sts:TagSession
 *   (template MakeAssumeRolePolicyDocumentForPodIdentity) with ManagedPolicyArns and the stack tag
 *   alpha.eksctl.io/podidentityassociation-name.
 * - createPodIdentityAssociationTask: CreatePodIdentityAssociation (cluster, namespace, role,
 *   service account, tags); a second one is ResourceInUseException, which the add-on path tolerates.
 * - Getter.GetPodIdentityAssociations: ListPodIdentityAssociations, DescribePodIdentityAssociation each.
 * - Updater: ListPodIdentityAssociations (namespace, service account), DescribePodIdentityAssociation,
 *   UpdatePodIdentityAssociation (association id, cluster, role ARN).
 * - Deleter.makeDeleteTask: ListPodIdentityAssociations (namespace, service account), exactly one
 *   and no ownerArn, DeletePodIdentityAssociation, then the role stack's deletion.
 * The pod's credentials come from EKS Auth AssumeRoleForPodIdentity, as the agent asks for them.
 */
const POD_IDENTITY = `
cluster = 'pid'
auth = boto3.client('eks-auth')
eks.describe_cluster(name=cluster)
out['agentAbsent'] = error(lambda: eks.describe_addon(clusterName=cluster, addonName='eks-pod-identity-agent'))
eks.create_addon(clusterName=cluster, addonName='eks-pod-identity-agent')
out['agent'] = eks.describe_addon(clusterName=cluster, addonName='eks-pod-identity-agent')['addon']['status']

pods = doc({'Effect': 'Allow', 'Action': ['sts:AssumeRole', 'sts:TagSession'], 'Principal': {'Service': 'pods.eks.amazonaws.com'}})
role1 = iam.create_role(RoleName='eksctl-pid-podidentityrole-default-app-Role1-ABCDEF123456', AssumeRolePolicyDocument=pods,
                        Tags=[{'Key': 'alpha.eksctl.io/cluster-name', 'Value': cluster}, {'Key': 'alpha.eksctl.io/podidentityassociation-name', 'Value': 'default/app'}])['Role']['Arn']
iam.attach_role_policy(RoleName='eksctl-pid-podidentityrole-default-app-Role1-ABCDEF123456', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
given = iam.create_role(RoleName='given', AssumeRolePolicyDocument=pods)['Role']['Arn']

create = dict(clusterName=cluster, namespace='default', roleArn=role1, serviceAccount='app', tags={'alpha.eksctl.io/podidentityassociation-name': 'default/app'})
eks.create_pod_identity_association(**create)
out['again'] = error(lambda: eks.create_pod_identity_association(**create))

def credentials(token):
    c = auth.assume_role_for_pod_identity(clusterName=cluster, token=token)['credentials']
    return caller([c['accessKeyId'], c['secretAccessKey'], c['sessionToken']]).split('/')[1]
out['pod'] = credentials(sys.argv[1])

summaries = eks.list_pod_identity_associations(clusterName=cluster)['associations']
out['got'] = [[a['roleArn'], a['tags']] for a in (eks.describe_pod_identity_association(clusterName=cluster, associationId=s['associationId'])['association'] for s in summaries)]

found = eks.list_pod_identity_associations(clusterName=cluster, namespace='default', serviceAccount='app')['associations']
eks.describe_pod_identity_association(clusterName=cluster, associationId=found[0]['associationId'])
eks.update_pod_identity_association(associationId=found[0]['associationId'], clusterName=cluster, roleArn=given)
out['updatedPod'] = credentials(sys.argv[2])

found = eks.list_pod_identity_associations(clusterName=cluster, namespace='default', serviceAccount='app')['associations']
out['toDelete'] = [len(found), 'ownerArn' in found[0]]
eks.delete_pod_identity_association(clusterName=cluster, associationId=found[0]['associationId'])
iam.detach_role_policy(RoleName='eksctl-pid-podidentityrole-default-app-Role1-ABCDEF123456', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
iam.delete_role(RoleName='eksctl-pid-podidentityrole-default-app-Role1-ABCDEF123456')
out['associations'] = eks.list_pod_identity_associations(clusterName=cluster)['associations']
out['noPod'] = error(lambda: credentials(sys.argv[3]))
iam.delete_role(RoleName='given')
eks.delete_addon(clusterName=cluster, addonName='eks-pod-identity-agent')
eks.delete_cluster(name=cluster)
out['left'] = left()
print(json.dumps(out))
`;

const NOTHING_LEFT = { roles: [], providers: [], clusters: [] };

describe.skipIf(warnIfMissing('boto3', boto3Missing))('eksctl lifecycles with boto3', () => {
  it('create iamserviceaccount: should associate the OIDC provider eksctl looks up, make the stack\'s role, assume it from the pod, and delete all', async () => {
    await createCluster('ctl');
    const token = (serviceAccount: string, namespace = 'default') => eksid.token({ cluster: 'ctl', namespace, serviceAccount });
    const out = await replay(IRSA, await token('s3-reader'), await token('s3-reader', 'other'), await token('worker-1'));
    expect(out).toEqual({
      before: ['NoSuchEntity', expect.stringContaining('OpenIDConnect Provider not found for arn ')],
      // The ARN eksctl derives, without the :443 it sent in the URL.
      created: [expect.stringMatching(new RegExp(`^arn:aws:iam::${ACCOUNT}:oidc-provider/eksid\\.test/id/[0-9A-F]{32}$`)), true],
      exists: true,
      s3Reader: `arn:aws:sts::${ACCOUNT}:assumed-role/eksctl-ctl-addon-iamserviceaccount-def-Role1-1A2B3C4D5E6F/botocore-session-1`,
      otherAccount: ['AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'],
      worker: `arn:aws:sts::${ACCOUNT}:assumed-role/eksctl-ctl-addon-iamserviceaccount-wil-Role1-6F5E4D3C2B1A/botocore-session-1`,
      notWorker: ['AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'],
      left: NOTHING_LEFT,
    });
  }, 60_000);

  it('create podidentityassociation: should need the agent add-on, make the stack\'s role, hand it to the pod, update, and delete all', async () => {
    await createCluster('pid');
    const token = (pod: string) => eksid.token({ cluster: 'pid', namespace: 'default', serviceAccount: 'app', audience: 'pods.eks.amazonaws.com', pod });
    const out = await replay(POD_IDENTITY, await token('app-1'), await token('app-2'), await token('app-3'));
    const role1 = `arn:aws:iam::${ACCOUNT}:role/eksctl-pid-podidentityrole-default-app-Role1-ABCDEF123456`;
    expect(out).toEqual({
      agentAbsent: ['ResourceNotFoundException', 'No addon: eks-pod-identity-agent found in cluster: pid'],
      agent: 'ACTIVE',
      again: ['ResourceInUseException', expect.stringMatching(/^Association already exists: a-[0-9a-z]{17}$/)],
      pod: 'eksctl-pid-podidentityrole-default-app-Role1-ABCDEF123456',
      got: [[role1, { 'alpha.eksctl.io/podidentityassociation-name': 'default/app' }]],
      updatedPod: 'given',
      toDelete: [1, false],
      associations: [],
      noPod: ['ResourceNotFoundException', 'No Pod Identity Association found for service account app in namespace default of cluster pid.'],
      left: NOTHING_LEFT,
    });
  }, 60_000);
});
