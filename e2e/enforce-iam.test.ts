import {
  CreateAddonCommand,
  CreateClusterCommand,
  CreatePodIdentityAssociationCommand,
  DescribeUpdateCommand,
  EKSClient,
  ListUpdatesCommand,
  UpdateAddonCommand,
} from '@aws-sdk/client-eks';
import { CreatePolicyCommand, CreateRoleCommand, GetRoleCommand, IAMClient, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Credentials } from '@aws-sdk/client-sts';
import type { DecisionEventJson } from '@eksid/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_KEYS, awsCliMissing, isolatedAwsEnv, run, warnIfMissing } from './support/clients.js';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';

// `eksid up --enforce-iam` end to end, with real signatures: role sessions may make only the IAM
// and EKS calls their role's policies allow (the escalation of issue 17 row 13 is refused), the
// root keys may make any, refusals land in the audit trail, and without the flag nothing changes.
const ACCOUNT = '000000000000';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const region = 'us-east-1';
const rootCredentials = { accessKeyId: ROOT_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: ROOT_KEYS.AWS_SECRET_ACCESS_KEY };
const trust = (principal: object) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
const allow = (action: string, resource = '*', effect = 'Allow') => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: action, Resource: resource }] });
const TARGET_TRUST = trust({ Service: 'pods.eks.amazonaws.com' });

interface Session {
  arn: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}

/** A root-made role trusting the account root, with optional inline policy and boundary. */
async function makeRole(iam: IAMClient, name: string, options: { policy?: string; boundary?: string } = {}): Promise<void> {
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust({ AWS: ROOT }), PermissionsBoundary: options.boundary }));
  if (options.policy) await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'inline', PolicyDocument: options.policy }));
}

async function assume(sts: STSClient, role: string, policy?: string): Promise<Session> {
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`, RoleSessionName: 'e2e', Policy: policy }));
  const c = out.Credentials as Credentials;
  return { arn: out.AssumedRoleUser?.Arn ?? '', credentials: { accessKeyId: c.AccessKeyId ?? '', secretAccessKey: c.SecretAccessKey ?? '', sessionToken: c.SessionToken ?? '' } };
}

async function refusal(call: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await call;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
  }
  throw new Error('expected the call to be refused');
}

const implicit = (caller: string, type = 'identity-based policy') =>
  `User: ${caller} is not authorized to perform: iam:UpdateAssumeRolePolicy on resource: role target because no ${type} allows the iam:UpdateAssumeRolePolicy action`;

describe('eksid up --enforce-iam with the AWS SDK for JavaScript v3', () => {
  let server: EksidProcess;
  let iam: IAMClient;
  let sts: STSClient;
  const clients: { destroy(): void }[] = [];
  const iamAs = (s: Session) => track(new IAMClient({ endpoint: server.url, region, credentials: s.credentials }));
  const stsAs = (s: Session) => track(new STSClient({ endpoint: server.url, region, credentials: s.credentials }));
  function track<T extends { destroy(): void }>(client: T): T {
    clients.push(client);
    return client;
  }
  const update = (client: IAMClient, principal: object) => client.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'target', PolicyDocument: trust(principal) }));

  beforeAll(async () => {
    server = await startEksid({ args: ['--enforce-iam'] });
    iam = track(new IAMClient({ endpoint: server.url, region, credentials: rootCredentials }));
    sts = track(new STSClient({ endpoint: server.url, region, credentials: rootCredentials }));
    await iam.send(new CreateRoleCommand({ RoleName: 'target', AssumeRolePolicyDocument: TARGET_TRUST }));
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
  });

  it('refuses a session without IAM permissions the trust policy rewrite, so it cannot assume the role', async () => {
    await makeRole(iam, 'weak');
    const weak = await assume(sts, 'weak');
    expect(await refusal(update(iamAs(weak), { AWS: `arn:aws:iam::${ACCOUNT}:role/weak` }))).toEqual({ name: 'AccessDenied', status: 403, message: implicit(weak.arn) });
    expect(await refusal(stsAs(weak).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/target`, RoleSessionName: 'hop' })))).toMatchObject({ name: 'AccessDenied', status: 403 });
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'target' }));
    expect(JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ''))).toEqual(JSON.parse(TARGET_TRUST));
  });

  it('lets a session whose role policy allows the action rewrite the trust policy and then assume the role', async () => {
    await makeRole(iam, 'admin', { policy: allow('iam:UpdateAssumeRolePolicy', `arn:aws:iam::${ACCOUNT}:role/target`) });
    const admin = await assume(sts, 'admin');
    await update(iamAs(admin), { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` });
    const hop = await stsAs(admin).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/target`, RoleSessionName: 'hop' }));
    expect(hop.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/target/hop`);
    await update(iam, { Service: 'pods.eks.amazonaws.com' });
  });

  it('lets an explicit deny win over an allow', async () => {
    await makeRole(iam, 'denied', { policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:UpdateAssumeRolePolicy', Resource: '*' }] }) });
    const denied = await assume(sts, 'denied');
    expect((await refusal(update(iamAs(denied), { AWS: ROOT }))).message).toBe(
      `User: ${denied.arn} is not authorized to perform: iam:UpdateAssumeRolePolicy on resource: role target with an explicit deny in an identity-based policy`,
    );
  });

  it('bounds a session by its permissions boundary and its session policy', async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'read-only', PolicyDocument: allow('iam:Get*') }));
    await makeRole(iam, 'bounded', { policy: allow('iam:*'), boundary: Policy?.Arn });
    const bounded = await assume(sts, 'bounded');
    await iamAs(bounded).send(new GetRoleCommand({ RoleName: 'target' }));
    expect((await refusal(update(iamAs(bounded), { AWS: ROOT }))).message).toBe(implicit(bounded.arn, 'permissions boundary'));

    await makeRole(iam, 'narrowed');
    await iam.send(new PutRolePolicyCommand({ RoleName: 'narrowed', PolicyName: 'all', PolicyDocument: allow('iam:*') }));
    const narrowed = await assume(sts, 'narrowed', allow('iam:GetRole'));
    await iamAs(narrowed).send(new GetRoleCommand({ RoleName: 'target' }));
    expect((await refusal(update(iamAs(narrowed), { AWS: ROOT }))).message).toBe(implicit(narrowed.arn, 'session policy'));
  });

  it("answers EKS's AccessDeniedException and records each refusal with its trace", async () => {
    const weak = await assume(sts, 'weak');
    const eks = track(new EKSClient({ endpoint: server.url, region, credentials: weak.credentials }));
    const refused = await refusal(eks.send(new CreatePodIdentityAssociationCommand({ clusterName: 'demo', namespace: 'default', serviceAccount: 'app', roleArn: `arn:aws:iam::${ACCOUNT}:role/target` })));
    expect(refused).toEqual({
      name: 'AccessDeniedException',
      status: 403,
      message: `User: ${weak.arn} is not authorized to perform: eks:CreatePodIdentityAssociation on resource: arn:aws:eks:us-east-1:${ACCOUNT}:cluster/demo`,
    });
    const recorded = await eventually(server, (e) => e.source === 'eks' && e.caller === weak.arn);
    expect(recorded).toMatchObject({ action: 'CreatePodIdentityAssociation', outcome: 'denied', errorCode: 'AccessDeniedException', cluster: 'demo' });
    const iamRefusal = await eventually(server, (e) => e.source === 'iam' && e.action === 'UpdateAssumeRolePolicy');
    expect(iamRefusal).toMatchObject({ outcome: 'denied', errorCode: 'AccessDenied', role: `arn:aws:iam::${ACCOUNT}:role/target` });
    expect(iamRefusal.trace.some((line) => line.text.startsWith('policies of the calling session'))).toBe(true);
  });

  it('needs iam:PassRole for the role a Pod Identity association passes', async () => {
    const rootEks = track(new EKSClient({ endpoint: server.url, region, credentials: rootCredentials }));
    await rootEks.send(new CreateClusterCommand({ name: 'pods', roleArn: `arn:aws:iam::${ACCOUNT}:role/eks`, resourcesVpcConfig: { subnetIds: ['subnet-1'] } }));
    await makeRole(iam, 'eks-admin', { policy: allow('eks:*') });
    const admin = await assume(sts, 'eks-admin');
    const eks = track(new EKSClient({ endpoint: server.url, region, credentials: admin.credentials }));
    const associate = () => eks.send(new CreatePodIdentityAssociationCommand({ clusterName: 'pods', namespace: 'default', serviceAccount: 'app', roleArn: `arn:aws:iam::${ACCOUNT}:role/target` }));
    expect(await refusal(associate())).toEqual({
      name: 'AccessDeniedException',
      status: 403,
      message: `User: ${admin.arn} is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${ACCOUNT}:role/target`,
    });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'eks-admin', PolicyName: 'pass', PolicyDocument: allow('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/target`) }));
    const { association } = await associate();
    expect(association?.roleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/target`);
  });

  it("checks eks:UpdateAddon on the add-on's ARN, and eks:ListUpdates and eks:DescribeUpdate on the cluster's", async () => {
    const rootEks = track(new EKSClient({ endpoint: server.url, region, credentials: rootCredentials }));
    await rootEks.send(new CreateClusterCommand({ name: 'addons', roleArn: `arn:aws:iam::${ACCOUNT}:role/eks`, resourcesVpcConfig: { subnetIds: ['subnet-1'] } }));
    const { addon } = await rootEks.send(new CreateAddonCommand({ clusterName: 'addons', addonName: 'eks-pod-identity-agent' }));
    const addonArn = String(addon?.addonArn);
    await makeRole(iam, 'addon-reader', { policy: allow('eks:*Update*', `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/addons`) });
    const reader = await assume(sts, 'addon-reader');
    const eks = track(new EKSClient({ endpoint: server.url, region, credentials: reader.credentials }));
    const updateAddon = () => eks.send(new UpdateAddonCommand({ clusterName: 'addons', addonName: 'eks-pod-identity-agent', addonVersion: 'v1.3.8-eksbuild.2' }));
    expect(await refusal(updateAddon())).toEqual({
      name: 'AccessDeniedException',
      status: 403,
      message: `User: ${reader.arn} is not authorized to perform: eks:UpdateAddon on resource: ${addonArn}`,
    });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'addon-reader', PolicyName: 'update', PolicyDocument: allow('eks:UpdateAddon', addonArn) }));
    const { update } = await updateAddon();
    const { updateIds } = await eks.send(new ListUpdatesCommand({ name: 'addons', addonName: 'eks-pod-identity-agent' }));
    expect(updateIds).toEqual([update?.id]);
    const described = await eks.send(new DescribeUpdateCommand({ name: 'addons', updateId: String(update?.id), addonName: 'eks-pod-identity-agent' }));
    expect(described.update?.status).toBe('Successful');
  });
});

describe('eksid up without --enforce-iam', () => {
  it('still lets any session make any IAM call (the default stays open)', async () => {
    const server = await startEksid();
    const iam = new IAMClient({ endpoint: server.url, region, credentials: rootCredentials });
    const sts = new STSClient({ endpoint: server.url, region, credentials: rootCredentials });
    try {
      await iam.send(new CreateRoleCommand({ RoleName: 'target', AssumeRolePolicyDocument: TARGET_TRUST }));
      await makeRole(iam, 'weak');
      const weak = await assume(sts, 'weak');
      const weakIam = new IAMClient({ endpoint: server.url, region, credentials: weak.credentials });
      await weakIam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'target', PolicyDocument: trust({ AWS: ROOT }) }));
      weakIam.destroy();
    } finally {
      iam.destroy();
      sts.destroy();
      await server.stop();
    }
  });
});

describe.skipIf(warnIfMissing('aws CLI', awsCliMissing))('eksid up --enforce-iam with the aws CLI', () => {
  it('refuses the no-permission session with IAM’s message, and lets the root keys through', async () => {
    const server = await startEksid({ args: ['--enforce-iam'] });
    try {
      const rootEnv = isolatedAwsEnv(server.url, ROOT_KEYS);
      const aws = async (args: string[], env = rootEnv) => run('aws', [...args, '--output', 'json'], env);
      expect((await aws(['iam', 'create-role', '--role-name', 'target', '--assume-role-policy-document', TARGET_TRUST])).code).toBe(0);
      expect((await aws(['iam', 'create-role', '--role-name', 'weak', '--assume-role-policy-document', trust({ AWS: ROOT })])).code).toBe(0);
      const assumed = await aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/weak`, '--role-session-name', 'cli']);
      const c = (JSON.parse(assumed.stdout) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } }).Credentials;
      const weakEnv = isolatedAwsEnv(server.url, { AWS_ACCESS_KEY_ID: c.AccessKeyId, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey, AWS_SESSION_TOKEN: c.SessionToken });
      const refused = await aws(['iam', 'update-assume-role-policy', '--role-name', 'target', '--policy-document', trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/weak` })], weakEnv);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr.trim()).toBe(
        `An error occurred (AccessDenied) when calling the UpdateAssumeRolePolicy operation: ${implicit(`arn:aws:sts::${ACCOUNT}:assumed-role/weak/cli`)}`,
      );
      const hop = await aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/target`, '--role-session-name', 'hop'], weakEnv);
      expect(hop.stderr).toContain('(AccessDenied) when calling the AssumeRole operation');
    } finally {
      await server.stop();
    }
  });
});

async function eventually(server: EksidProcess, match: (e: DecisionEventJson) => boolean): Promise<DecisionEventJson> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(`${server.url}/_eksid/events?denied=true&limit=1000`, { headers: server.adminHeaders });
    const found = ((await res.json()) as { events: DecisionEventJson[] }).events.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('the decision never appeared in the audit trail');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
