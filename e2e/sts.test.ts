import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Credentials } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { REGION, rootCredentials } from './support/irsa-setup.js';

const ACCOUNT = '000000000000';
const trust = (principal: string, actions: string[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: actions }] });

// AssumeRole, role chaining and GetCallerIdentity through the JS SDK v3, signed with real SigV4.
describe('STS AssumeRole and GetCallerIdentity with the AWS SDK for JavaScript v3', () => {
  let eksid: EksidProcess;
  const clients: STSClient[] = [];
  let hopA: string;
  let hopB: string;

  const sts = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => {
    const client = new STSClient({ endpoint: eksid.url, region: REGION, credentials, maxAttempts: 1 });
    clients.push(client);
    return client;
  };
  const asSession = (c: Credentials | undefined) => sts({ accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' });
  const failure = async (promise: Promise<unknown>) => {
    const e = (await promise.then(() => undefined, (err: unknown) => err)) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
    return { name: e?.name, message: e?.message, status: e?.$metadata?.httpStatusCode };
  };

  beforeAll(async () => {
    eksid = await startEksid();
    const iam = new IAMClient({ endpoint: eksid.url, region: REGION, credentials: rootCredentials });
    hopA = (await iam.send(new CreateRoleCommand({ RoleName: 'hop-a', AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:root`, ['sts:AssumeRole', 'sts:TagSession']) }))).Role?.Arn ?? '';
    hopB = (await iam.send(new CreateRoleCommand({ RoleName: 'hop-b', MaxSessionDuration: 43200, AssumeRolePolicyDocument: trust(hopA, ['sts:AssumeRole', 'sts:TagSession']) }))).Role?.Arn ?? '';
    await iam.send(new CreateRoleCommand({ RoleName: 'hop-c', AssumeRolePolicyDocument: trust(ACCOUNT, ['sts:AssumeRole']) }));
    iam.destroy();
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await eksid?.stop();
  });

  it('should issue session credentials that GetCallerIdentity recognises', async () => {
    const assumed = await sts(rootCredentials).send(new AssumeRoleCommand({ RoleArn: hopA, RoleSessionName: 'first', Tags: [{ Key: 'Project', Value: 'Unicorn' }], TransitiveTagKeys: ['Project'] }));
    expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/hop-a/first`);
    expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(assumed.PackedPolicySize).toBeGreaterThan(0);
    const identity = await asSession(assumed.Credentials).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: ACCOUNT, Arn: assumed.AssumedRoleUser?.Arn, UserId: assumed.AssumedRoleUser?.AssumedRoleId });
  });

  it('should chain into a role that trusts the first role, at most for one hour', async () => {
    const first = await sts(rootCredentials).send(new AssumeRoleCommand({ RoleArn: hopA, RoleSessionName: 'first', Tags: [{ Key: 'Project', Value: 'Unicorn' }], TransitiveTagKeys: ['Project'] }));
    const chained = asSession(first.Credentials);
    const second = await chained.send(new AssumeRoleCommand({ RoleArn: hopB, RoleSessionName: 'second' }));
    expect((await asSession(second.Credentials).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/hop-b/second`);
    expect(await failure(chained.send(new AssumeRoleCommand({ RoleArn: hopB, RoleSessionName: 'second', DurationSeconds: 7200 })))).toEqual({
      name: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
    expect(await failure(chained.send(new AssumeRoleCommand({ RoleArn: hopB, RoleSessionName: 'again', Tags: [{ Key: 'project', Value: 'Other' }] })))).toMatchObject({ name: 'InvalidParameterValue', status: 400 });
  });

  it('should need an identity policy when the trust policy names only the account', async () => {
    const first = await sts(rootCredentials).send(new AssumeRoleCommand({ RoleArn: hopA, RoleSessionName: 'first' }));
    const hopC = `arn:aws:iam::${ACCOUNT}:role/hop-c`;
    expect(await failure(asSession(first.Credentials).send(new AssumeRoleCommand({ RoleArn: hopC, RoleSessionName: 'third' })))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/hop-a/first is not authorized to perform: sts:AssumeRole on resource: ${hopC}`,
    });
    const iam = new IAMClient({ endpoint: eksid.url, region: REGION, credentials: rootCredentials });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'hop-a', PolicyName: 'hop', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: hopC }] }) }));
    iam.destroy();
    const third = await asSession(first.Credentials).send(new AssumeRoleCommand({ RoleArn: hopC, RoleSessionName: 'third' }));
    expect(third.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/hop-c/third`);
  });

  it('should answer request validation errors in AWS wording', async () => {
    expect(await failure(sts(rootCredentials).send(new AssumeRoleCommand({ RoleArn: hopA, RoleSessionName: 'a/b' })))).toEqual({
      name: 'ValidationError',
      status: 400,
      message: "1 validation error detected: Value 'a/b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    });
  });

  it('should refuse an unsigned GetCallerIdentity', async () => {
    const res = await fetch(`${eksid.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message>');
  });
});
