import { createCluster, issuerHostPath, mintServiceAccountToken, oidcProviderArn } from '@eksid/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, postForm } from './iam/test-support.js';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

// The store remembers what credential requests read (core store/read-cache.ts); these pin
// down, through the public APIs, that an IAM or EKS change is seen by the very next request.
const ACCOUNT = '000000000000';
const roleArnOf = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const POD_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] };
const EC2_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

let server: TestServer;
let issuer: string;
let hostPath: string;
beforeEach(async () => {
  server = await startTestServer();
  issuer = (await createCluster(server.ctx, { name: 'demo' })).identity.oidc.issuer;
  hostPath = issuerHostPath(issuer);
});
afterEach(async () => server.close());

/** An IAM call; unsigned awsQuery calls reach IAM by action name. */
const iam = async (params: Record<string, string>) => {
  const reply = await postForm(server, params);
  if (reply.status !== 200) throw new Error(`${params['Action']}: ${reply.body}`);
};
const createRole = (name: string, trust: object) => iam({ Action: 'CreateRole', RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) });
const updateTrust = (name: string, trust: object) => iam({ Action: 'UpdateAssumeRolePolicy', RoleName: name, PolicyDocument: JSON.stringify(trust) });

async function eks(method: string, path: string, body?: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}/clusters/demo${path}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${method} ${path}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

const token = (audience: string) =>
  mintServiceAccountToken(server.ctx.store, server.ctx.deps, server.ctx.config, {
    clusterName: 'demo', namespace: 'default', serviceAccount: 'app', audiences: [audience], expirationSeconds: 3600, pod: { name: 'app-1', uid: 'f00dfeed-0000-4000-8000-000000000001' },
  });

describe('AssumeRoleWithWebIdentity after an IAM change', () => {
  const irsaTrust = (serviceAccount: string) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: oidcProviderArn('aws', ACCOUNT, hostPath) }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${hostPath}:sub`]: `system:serviceaccount:default:${serviceAccount}` } } }],
  });
  const assume = async () => {
    const reply = await postForm(server, { Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: roleArnOf('irsa'), RoleSessionName: 'session', WebIdentityToken: await token('sts.amazonaws.com') });
    return reply.status === 200 ? 'allowed' : errorOf(reply).code;
  };

  beforeEach(async () => {
    await iam({ Action: 'CreateOpenIDConnectProvider', Url: issuer, 'ClientIDList.member.1': 'sts.amazonaws.com' });
    await createRole('irsa', irsaTrust('app'));
    expect(await assume()).toBe('allowed');
  });

  it('should apply an updated trust policy at once, both ways', async () => {
    await updateTrust('irsa', irsaTrust('other'));
    expect(await assume()).toBe('AccessDenied');
    await updateTrust('irsa', irsaTrust('app'));
    expect(await assume()).toBe('allowed');
  });

  it('should refuse a deleted role, and a role deleted then created again with another trust', async () => {
    await iam({ Action: 'DeleteRole', RoleName: 'irsa' });
    expect(await assume()).toBe('AccessDenied');
    await createRole('irsa', irsaTrust('other'));
    expect(await assume()).toBe('AccessDenied');
  });

  it('should refuse tokens of a deleted OIDC provider', async () => {
    await iam({ Action: 'DeleteOpenIDConnectProvider', OpenIDConnectProviderArn: oidcProviderArn('aws', ACCOUNT, hostPath) });
    expect(await assume()).toBe('InvalidIdentityToken');
  });
});

describe('AssumeRoleForPodIdentity after an IAM or EKS change', () => {
  let associationId: string;
  // Minted once: a deleted cluster mints no more tokens.
  let podToken: string;
  const assume = async () => {
    const res = await fetch(`${server.url}/clusters/demo/assume-role-for-pod-identity`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: podToken }) });
    const body = (await res.json()) as { assumedRoleUser?: { arn: string } };
    return res.status === 200 ? body.assumedRoleUser?.arn.split('/')[1] : res.headers.get('x-amzn-errortype');
  };

  beforeEach(async () => {
    podToken = await token('pods.eks.amazonaws.com');
    await createRole('pod-a', POD_TRUST);
    await createRole('pod-b', POD_TRUST);
    const created = await eks('POST', '/pod-identity-associations', { namespace: 'default', serviceAccount: 'app', roleArn: roleArnOf('pod-a') });
    associationId = (created['association'] as { associationId: string }).associationId;
    expect(await assume()).toBe('pod-a');
  });

  it('should use the role an association was moved to, and that role\'s current trust', async () => {
    await eks('POST', `/pod-identity-associations/${associationId}`, { roleArn: roleArnOf('pod-b') });
    expect(await assume()).toBe('pod-b');
    await updateTrust('pod-b', EC2_TRUST);
    expect(await assume()).toBe('AccessDeniedException');
  });

  it('should refuse once the role, the association or the cluster is deleted', async () => {
    await iam({ Action: 'DeleteRole', RoleName: 'pod-a' });
    expect(await assume()).toBe('AccessDeniedException');
    await createRole('pod-a', POD_TRUST);
    expect(await assume()).toBe('pod-a');
    await eks('DELETE', `/pod-identity-associations/${associationId}`);
    expect(await assume()).toBe('ResourceNotFoundException');
    await eks('POST', '/pod-identity-associations', { namespace: 'default', serviceAccount: 'app', roleArn: roleArnOf('pod-a') });
    expect(await assume()).toBe('pod-a');
    await eks('DELETE', '');
    expect(await assume()).toBe('ResourceNotFoundException');
  });
});
