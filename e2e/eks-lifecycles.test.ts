import { CreateClusterCommand, EKSClient, ListTagsForResourceCommand, TagResourceCommand } from '@aws-sdk/client-eks';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, awsCliMissing, awsJson, boto3Missing, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';
import { BOTO3_HELPERS } from './support/boto3-helpers.js';

// The EKS call sequences infrastructure tools make, replayed with real clients against a real
// `eksid up`, each ending with nothing left behind.
const ACCOUNT = '000000000000';
const podTrust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] });

let eksid: EksidProcess;
let admin: NodeJS.ProcessEnv;
beforeAll(async () => {
  eksid = await startEksid();
  admin = isolatedAwsEnv(eksid.url, ROOT_KEYS);
});
afterAll(async () => eksid?.stop());

// terraform-provider-aws's aws_eks_pod_identity_association (internal/service/eks/pod_identity_association.go):
// Create sends a fresh ClientRequestToken with the tags and retries the same input while IAM
// says "Role provided in the request does not exist"; Read is DescribePodIdentityAssociation
// (its tags are the resource's); a tag change is UntagResource of the removed keys, then
// TagResource of the changed ones (tags_gen.go updateTags); Delete tolerates ResourceNotFoundException.
const TERRAFORM_LIFECYCLE = `${BOTO3_HELPERS}
import json, sys, uuid, boto3
eks = boto3.client('eks')
iam = boto3.client('iam')
out = {}

eks.create_cluster(name='tf', roleArn='arn:aws:iam::${ACCOUNT}:role/eks', resourcesVpcConfig={'subnetIds': ['subnet-1']})
token = uuid.uuid4().hex
create = dict(clusterName='tf', namespace='default', serviceAccount='app', roleArn='arn:aws:iam::${ACCOUNT}:role/tf-pod', clientRequestToken=token, tags={'team': 'a', 'env': 'dev'})
out['beforeRole'] = error(lambda: eks.create_pod_identity_association(**create))
iam.create_role(RoleName='tf-pod', AssumeRolePolicyDocument=sys.argv[1])
created = eks.create_pod_identity_association(**create)['association']
arn, aid = created['associationArn'], created['associationId']
out['retry'] = eks.create_pod_identity_association(**create)['association']['associationId'] == aid
out['reused'] = error(lambda: eks.create_pod_identity_association(**{**create, 'serviceAccount': 'other'}))
out['read'] = eks.describe_pod_identity_association(clusterName='tf', associationId=aid)['association']['tags']

# tags = { team = "b", owner = "x" }: env removed, team changed, owner added.
eks.untag_resource(resourceArn=arn, tagKeys=['env'])
eks.tag_resource(resourceArn=arn, tags={'team': 'b', 'owner': 'x'})
out['listed'] = eks.list_tags_for_resource(resourceArn=arn)['tags']
out['reread'] = eks.describe_pod_identity_association(clusterName='tf', associationId=aid)['association']['tags']
out['reserved'] = error(lambda: eks.tag_resource(resourceArn=arn, tags={'aws:owner': 'x'}))

eks.delete_pod_identity_association(clusterName='tf', associationId=aid)
out['gone'] = error(lambda: eks.describe_pod_identity_association(clusterName='tf', associationId=aid))
out['deleteAgain'] = error(lambda: eks.delete_pod_identity_association(clusterName='tf', associationId=aid))
out['tagsGone'] = error(lambda: eks.list_tags_for_resource(resourceArn=arn))
out['left'] = eks.list_pod_identity_associations(clusterName='tf')['associations']
eks.delete_cluster(name='tf')
iam.delete_role(RoleName='tf-pod')
out['clusters'] = eks.list_clusters()['clusters']
print(json.dumps(out))
`;

describe.skipIf(warnIfMissing('boto3', boto3Missing))('terraform\'s aws_eks_pod_identity_association lifecycle with boto3', () => {
  it('should create with tags, retry idempotently, change tags, read them back and delete, leaving nothing', async () => {
    const result = await run('python3', ['-c', TERRAFORM_LIFECYCLE, podTrust], admin);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      beforeRole: ['InvalidParameterException', 'Role provided in the request does not exist'],
      retry: true,
      reused: ['InvalidRequestException', 'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).'],
      read: { team: 'a', env: 'dev' },
      listed: { team: 'b', owner: 'x' },
      reread: { team: 'b', owner: 'x' },
      reserved: ['BadRequestException', "Tag keys starting with 'aws:' are reserved for internal use"],
      gone: ['ResourceNotFoundException', expect.stringContaining('No Pod Identity Association found')],
      deleteAgain: ['ResourceNotFoundException', expect.stringContaining('No Pod Identity Association found')],
      tagsGone: ['NotFoundException', 'Resource was not found'],
      left: [],
      clusters: [],
    });
  }, 60_000);
});

describe.skipIf(warnIfMissing('aws CLI', awsCliMissing))('eksctl\'s Pod Identity agent add-on check and install with the aws CLI', () => {
  const eks = (args: string[]) => run('aws', ['eks', ...args], admin);

  beforeAll(async () => {
    await awsJson(['eks', 'create-cluster', '--name', 'ctl', '--kubernetes-version', '1.31', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/eks`, '--resources-vpc-config', 'subnetIds=subnet-1'], admin);
  });

  // eksctl-io/eksctl pkg/actions/podidentityassociation/migrator.go IsPodIdentityAgentInstalled and
  // pkg/actions/addon/create.go Manager.Create: DescribeAddon (ResourceNotFoundException = absent),
  // DescribeAddonVersions for the cluster's version, CreateAddon, then the AddonActive waiter.
  it('should report the agent absent, then install it, wait for it ACTIVE, tag it and remove it', async () => {
    const absent = await eks(['describe-addon', '--cluster-name', 'ctl', '--addon-name', 'eks-pod-identity-agent']);
    expect(absent.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the DescribeAddon operation: No addon: eks-pod-identity-agent found in cluster: ctl');

    const versions = await awsJson<{ addons: { addonVersions: { addonVersion: string; compatibilities: { defaultVersion: boolean }[] }[] }[] }>(
      ['eks', 'describe-addon-versions', '--kubernetes-version', '1.31', '--addon-name', 'eks-pod-identity-agent'], admin);
    const version = versions.addons[0]?.addonVersions.find((v) => v.compatibilities[0]?.defaultVersion)?.addonVersion;
    expect(version).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);

    const { addon } = await awsJson<{ addon: { addonArn: string; status: string } }>(['eks', 'create-addon', '--cluster-name', 'ctl', '--addon-name', 'eks-pod-identity-agent', '--addon-version', String(version)], admin);
    expect((await eks(['wait', 'addon-active', '--cluster-name', 'ctl', '--addon-name', 'eks-pod-identity-agent'])).code).toBe(0);
    expect((await awsJson<{ addons: string[] }>(['eks', 'list-addons', '--cluster-name', 'ctl'], admin)).addons).toEqual(['eks-pod-identity-agent']);

    await awsJson(['eks', 'tag-resource', '--resource-arn', addon.addonArn, '--tags', 'team=a'], admin);
    const described = await awsJson<{ addon: { status: string; addonVersion: string; tags: Record<string, string> } }>(['eks', 'describe-addon', '--cluster-name', 'ctl', '--addon-name', 'eks-pod-identity-agent'], admin);
    expect(described.addon).toMatchObject({ status: 'ACTIVE', addonVersion: version, tags: { team: 'a' } });

    const other = await eks(['create-addon', '--cluster-name', 'ctl', '--addon-name', 'vpc-cni']);
    expect(other.stderr).toContain('(InvalidParameterException) when calling the CreateAddon operation: Addon specified is not supported');

    expect((await awsJson<{ addon: { status: string } }>(['eks', 'delete-addon', '--cluster-name', 'ctl', '--addon-name', 'eks-pod-identity-agent'], admin)).addon.status).toBe('DELETING');
    expect((await awsJson<{ addons: string[] }>(['eks', 'list-addons', '--cluster-name', 'ctl'], admin)).addons).toEqual([]);
  }, 120_000);

  it('should tag and untag the cluster, with describe-cluster showing the tags', async () => {
    const arn = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/ctl`;
    await awsJson(['eks', 'tag-resource', '--resource-arn', arn, '--tags', 'team=a,env=dev'], admin);
    await awsJson(['eks', 'untag-resource', '--resource-arn', arn, '--tag-keys', 'env'], admin);
    expect((await awsJson<{ tags: Record<string, string> }>(['eks', 'list-tags-for-resource', '--resource-arn', arn], admin)).tags).toEqual({ team: 'a' });
    expect((await awsJson<{ cluster: { tags: Record<string, string> } }>(['eks', 'describe-cluster', '--name', 'ctl'], admin)).cluster.tags).toEqual({ team: 'a' });
    const missing = await eks(['list-tags-for-resource', '--resource-arn', `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/nope`]);
    expect(missing.stderr).toContain('An error occurred (NotFoundException) when calling the ListTagsForResource operation: Resource was not found');
  }, 60_000);

  it('should answer a CreateCluster without its required members as EKS validates them', async () => {
    // The aws CLI refuses the call itself; a client without that check reaches the service.
    const res = await fetch(`${eksid.url}/clusters`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bare' }) });
    expect([res.status, res.headers.get('x-amzn-errortype'), await res.json()]).toEqual([400, 'InvalidParameterException', {
      message: "2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; Value null at 'resourcesVpcConfig' failed to satisfy constraint: Member must not be null",
    }]);
    expect((await awsJson<{ clusters: string[] }>(['eks', 'list-clusters'], admin)).clusters).toEqual(['ctl']);
  });
});

describe('the tagging operations under --enforce-iam with the AWS SDK for JavaScript v3', () => {
  let server: EksidProcess;
  const clients: { destroy(): void }[] = [];
  const region = 'us-east-1';
  const root = { accessKeyId: ROOT_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: ROOT_KEYS.AWS_SECRET_ACCESS_KEY };
  const track = <T extends { destroy(): void }>(client: T): T => (clients.push(client), client);
  beforeAll(async () => {
    server = await startEksid({ args: ['--enforce-iam'] });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
  });

  it('should allow eks:TagResource on the ARN a policy names, and refuse it on another', async () => {
    const rootEks = track(new EKSClient({ endpoint: server.url, region, credentials: root }));
    for (const name of ['mine', 'theirs']) {
      await rootEks.send(new CreateClusterCommand({ name, roleArn: `arn:aws:iam::${ACCOUNT}:role/eks`, resourcesVpcConfig: { subnetIds: ['subnet-1'] } }));
    }
    const iam = track(new IAMClient({ endpoint: server.url, region, credentials: root }));
    await iam.send(new CreateRoleCommand({ RoleName: 'tagger', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }) }));
    const mine = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/mine`;
    await iam.send(new PutRolePolicyCommand({ RoleName: 'tagger', PolicyName: 'tag', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['eks:TagResource', 'eks:ListTagsForResource'], Resource: mine }] }) }));
    const sts = track(new STSClient({ endpoint: server.url, region, credentials: root }));
    const { Credentials: c, AssumedRoleUser } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/tagger`, RoleSessionName: 'e2e' }));
    const eks = track(new EKSClient({ endpoint: server.url, region, credentials: { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' } }));

    await eks.send(new TagResourceCommand({ resourceArn: mine, tags: { team: 'a' } }));
    expect((await eks.send(new ListTagsForResourceCommand({ resourceArn: mine }))).tags).toEqual({ team: 'a' });
    const theirs = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/theirs`;
    await expect(eks.send(new TagResourceCommand({ resourceArn: theirs, tags: { team: 'a' } }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: ${AssumedRoleUser?.Arn} is not authorized to perform: eks:TagResource on resource: ${theirs}`,
    });
    expect((await rootEks.send(new ListTagsForResourceCommand({ resourceArn: theirs }))).tags).toEqual({});
  }, 60_000);
});
