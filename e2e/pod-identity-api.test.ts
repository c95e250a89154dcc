import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, awsCliMissing, awsJson, boto3Missing, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';

// EKS Pod Identity's AWS side against a real `eksid up`: the association API with the
// unmodified aws CLI and boto3, and EKS Auth AssumeRoleForPodIdentity over HTTP (the e2e
// package has no @aws-sdk/client-eks-auth, so it is called as the agent would, with JSON).
const ACCOUNT = '000000000000';
const POD_ROLE = `arn:aws:iam::${ACCOUNT}:role/pi-pod`;
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/pi-other`;
const podTrust = (principal: object, condition?: object) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: ['sts:AssumeRole', 'sts:TagSession'], ...(condition ? { Condition: condition } : {}) }] });

interface Association {
  associationId: string;
  associationArn: string;
  [key: string]: unknown;
}

let eksid: EksidProcess;
let admin: NodeJS.ProcessEnv;
beforeAll(async () => {
  eksid = await startEksid();
  admin = isolatedAwsEnv(eksid.url, ROOT_KEYS);
});
afterAll(async () => eksid?.stop());

describe.skipIf(warnIfMissing('aws CLI', awsCliMissing))('Pod Identity associations with the aws CLI', () => {
  let id = '';
  const cli = (args: string[]) => awsJson<{ association: Association }>(['eks', ...args, '--cluster-name', 'pi-cli'], admin);

  beforeAll(async () => {
    await awsJson(['eks', 'create-cluster', '--name', 'pi-cli', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/eks`, '--resources-vpc-config', 'subnetIds=subnet-1'], admin);
    for (const name of ['pi-pod', 'pi-other']) {
      await awsJson(['iam', 'create-role', '--role-name', name, '--assume-role-policy-document', podTrust({ Service: 'pods.eks.amazonaws.com' })], admin);
    }
  });

  it('should create an association with the real API\'s fields', async () => {
    const { association } = await cli(['create-pod-identity-association', '--namespace', 'default', '--service-account', 'app', '--role-arn', POD_ROLE, '--tags', 'team=a']);
    id = association.associationId;
    expect(association).toEqual({
      clusterName: 'pi-cli', namespace: 'default', serviceAccount: 'app', roleArn: POD_ROLE,
      associationArn: `arn:aws:eks:us-east-1:${ACCOUNT}:podidentityassociation/pi-cli/${id}`,
      associationId: expect.stringMatching(/^a-[a-z0-9]{17}$/),
      tags: { team: 'a' }, createdAt: expect.any(Number), modifiedAt: expect.any(Number), disableSessionTags: false,
    });
  });

  it('should refuse a second association of the service account with ResourceInUseException', async () => {
    const again = await run('aws', ['eks', 'create-pod-identity-association', '--cluster-name', 'pi-cli', '--namespace', 'default', '--service-account', 'app', '--role-arn', OTHER_ROLE], admin);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`(ResourceInUseException) when calling the CreatePodIdentityAssociation operation: Association already exists: ${id}`);
  });

  it('should describe, list with filters and pagination, update and delete', async () => {
    expect((await cli(['describe-pod-identity-association', '--association-id', id])).association.associationId).toBe(id);
    for (const sa of ['b', 'c']) await cli(['create-pod-identity-association', '--namespace', 'payments', '--service-account', sa, '--role-arn', POD_ROLE]);
    const paged = await awsJson<{ associations: Association[] }>(['eks', 'list-pod-identity-associations', '--cluster-name', 'pi-cli', '--page-size', '1'], admin);
    expect(paged.associations.map((a) => a.serviceAccount)).toEqual(['app', 'b', 'c']);
    const firstPage = await awsJson<{ associations: Association[]; nextToken?: string }>(['eks', 'list-pod-identity-associations', '--cluster-name', 'pi-cli', '--max-results', '2', '--no-paginate'], admin);
    expect([firstPage.associations.length, typeof firstPage.nextToken]).toEqual([2, 'string']);
    const filtered = await awsJson<{ associations: Association[] }>(['eks', 'list-pod-identity-associations', '--cluster-name', 'pi-cli', '--namespace', 'payments', '--service-account', 'c'], admin);
    expect(filtered.associations).toEqual([expect.objectContaining({ namespace: 'payments', serviceAccount: 'c' })]);
    const updated = await cli(['update-pod-identity-association', '--association-id', id, '--role-arn', OTHER_ROLE]);
    expect(updated.association).toMatchObject({ associationId: id, roleArn: OTHER_ROLE });
    const deleted = await cli(['delete-pod-identity-association', '--association-id', id]);
    expect(deleted.association).toMatchObject({ associationId: id, roleArn: OTHER_ROLE });
    const gone = await run('aws', ['eks', 'describe-pod-identity-association', '--cluster-name', 'pi-cli', '--association-id', id], admin);
    expect(gone.stderr).toContain('(ResourceNotFoundException)');
  });

  it.each([
    [['describe-pod-identity-association', '--cluster-name', 'nope', '--association-id', 'a-0000000000000000x'], 'ResourceNotFoundException', 'No cluster found for name: nope.'],
    [['describe-pod-identity-association', '--cluster-name', 'pi-cli', '--association-id', 'a-123'], 'InvalidParameterException', 'The parameter associationId should be 19 characters long.'],
    [['create-pod-identity-association', '--cluster-name', 'pi-cli', '--namespace', 'x', '--service-account', 'y', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/ghost`], 'InvalidParameterException', 'Role provided in the request does not exist'],
  ])('should answer eks %s with %s', async (args, code, message) => {
    const result = await run('aws', ['eks', ...args], admin);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`(${code})`);
    expect(result.stderr).toContain(message);
  });
});

const BOTO3_SCRIPT = `
import json, sys, boto3
eks = boto3.client('eks')
role = sys.argv[1]
eks.create_cluster(name='pi-boto', roleArn='arn:aws:iam::000000000000:role/eks', resourcesVpcConfig={'subnetIds': ['subnet-1']})
created = eks.create_pod_identity_association(clusterName='pi-boto', namespace='default', serviceAccount='app', roleArn=role)['association']
try:
    eks.create_pod_identity_association(clusterName='pi-boto', namespace='default', serviceAccount='app', roleArn=role)
    duplicate = None
except eks.exceptions.ResourceInUseException as e:
    duplicate = e.response['Error']['Message']
for sa in ['b', 'c']:
    eks.create_pod_identity_association(clusterName='pi-boto', namespace='ns', serviceAccount=sa, roleArn=role)
pages = eks.get_paginator('list_pod_identity_associations').paginate(clusterName='pi-boto', PaginationConfig={'PageSize': 2})
listed = [a['serviceAccount'] for page in pages for a in page['associations']]
described = eks.describe_pod_identity_association(clusterName='pi-boto', associationId=created['associationId'])['association']
try:
    eks.describe_pod_identity_association(clusterName='pi-boto', associationId='a-0000000000000000x')
    missing = None
except eks.exceptions.ResourceNotFoundException as e:
    missing = e.response['Error']['Code']
print(json.dumps({'id': created['associationId'], 'createdAt': type(created['createdAt']).__name__, 'duplicate': duplicate,
                  'listed': listed, 'described': described['roleArn'], 'missing': missing}))
`;

describe.skipIf(warnIfMissing('boto3', boto3Missing))('Pod Identity associations with boto3', () => {
  it('should create, refuse a duplicate, paginate, describe and 404 like EKS', async () => {
    await awsJson(['iam', 'create-role', '--role-name', 'pi-boto', '--assume-role-policy-document', podTrust({ Service: 'pods.eks.amazonaws.com' })], admin).catch(() => undefined);
    const result = await run('python3', ['-c', BOTO3_SCRIPT, `arn:aws:iam::${ACCOUNT}:role/pi-boto`], admin);
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(out).toEqual({
      id: expect.stringMatching(/^a-[a-z0-9]{17}$/), createdAt: 'datetime', duplicate: `Association already exists: ${String(out['id'])}`,
      listed: ['app', 'b', 'c'], described: `arn:aws:iam::${ACCOUNT}:role/pi-boto`, missing: 'ResourceNotFoundException',
    });
  });
});

interface EksAuthReply {
  subject: { namespace: string; serviceAccount: string };
  assumedRoleUser: { arn: string };
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: unknown };
  message?: string;
}

describe.skipIf(warnIfMissing('aws CLI', awsCliMissing))('EKS Auth AssumeRoleForPodIdentity over HTTP', () => {
  const assume = async (cluster: string, token: string) => {
    const res = await fetch(`${eksid.url}/clusters/${cluster}/assume-role-for-pod-identity`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    return { status: res.status, code: res.headers.get('x-amzn-errortype'), body: (await res.json()) as EksAuthReply };
  };
  const podToken = (namespace: string, audience = 'pods.eks.amazonaws.com') =>
    eksid.token({ cluster: 'pi-auth', namespace, serviceAccount: 'app', audience, pod: `app-${namespace}` });

  beforeAll(async () => {
    await awsJson(['eks', 'create-cluster', '--name', 'pi-auth', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/eks`, '--resources-vpc-config', 'subnetIds=subnet-1'], admin);
    await awsJson(['iam', 'create-role', '--role-name', 'pi-auth', '--assume-role-policy-document', podTrust({ Service: 'pods.eks.amazonaws.com' })], admin);
    // ABAC (EKS user guide, pod-id-abac): a role only sessions tagged kubernetes-namespace=payments may assume.
    await awsJson(['iam', 'create-role', '--role-name', 'pi-payments', '--assume-role-policy-document',
      podTrust({ AWS: `arn:aws:iam::${ACCOUNT}:role/pi-auth` }, { StringEquals: { 'aws:PrincipalTag/kubernetes-namespace': 'payments' } })], admin);
    for (const ns of ['payments', 'default']) {
      await awsJson(['eks', 'create-pod-identity-association', '--cluster-name', 'pi-auth', '--namespace', ns, '--service-account', 'app', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/pi-auth`], admin);
    }
  });

  it('should exchange a pod token for credentials the aws CLI can use', async () => {
    const token = await podToken('payments');
    const reply = await assume('pi-auth', token);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ subject: { namespace: 'payments', serviceAccount: 'app' }, audience: 'pods.eks.amazonaws.com' });
    expect(typeof reply.body.credentials.expiration).toBe('number');
    expect(reply.body.assumedRoleUser.arn).toMatch(/:assumed-role\/pi-auth\/eks-pi-auth-app-payments-[0-9a-f-]{36}$/);
    expect(decodeJwt(token)['kubernetes.io']).toMatchObject({ pod: { name: 'app-payments' } });
    const creds = reply.body.credentials;
    const pod = isolatedAwsEnv(eksid.url, { AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_SESSION_TOKEN: creds.sessionToken });
    const identity = await awsJson<{ Arn: string }>(['sts', 'get-caller-identity'], pod);
    expect(identity.Arn).toBe(reply.body.assumedRoleUser.arn);
  });

  it('should let only the payments pod chain into the ABAC role with sts assume-role', async () => {
    for (const [ns, allowed] of [['payments', true], ['default', false]] as const) {
      const creds = (await assume('pi-auth', await podToken(ns))).body.credentials;
      const pod = isolatedAwsEnv(eksid.url, { AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_SESSION_TOKEN: creds.sessionToken });
      const result = await run('aws', ['sts', 'assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/pi-payments`, '--role-session-name', 'abac', '--output', 'json'], pod);
      if (allowed) expect(JSON.parse(result.stdout).AssumedRoleUser.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/pi-payments/abac`);
      else expect(result.stderr).toContain('(AccessDenied)');
    }
  });

  it('should answer bad tokens, clusters and bodies with the EKS Auth errors', async () => {
    expect(await assume('pi-auth', await podToken('payments', 'sts.amazonaws.com'))).toEqual({ status: 400, code: 'InvalidTokenException', body: { message: 'The token included in the request is invalid.' } });
    expect((await assume('nope', await podToken('payments'))).code).toBe('ResourceNotFoundException');
    const garbage = await fetch(`${eksid.url}/clusters/pi-auth/assume-role-for-pod-identity`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"token":' });
    expect([garbage.status, garbage.headers.get('x-amzn-errortype')]).toEqual([400, 'InvalidRequestException']);
  });
});
