import {
  AttachRolePolicyCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListOpenIDConnectProvidersCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  paginateListRoles,
} from '@aws-sdk/client-iam';
import type { Role } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { awsCliMissing, awsJson, isolatedAwsEnv, ROOT_KEYS, warnIfMissing } from './support/clients.js';

const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] };
const PERMISSIONS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my bucket/*' }] };

describe('IAM with the AWS SDK for JavaScript v3', () => {
  let server: EksidProcess;
  let iam: IAMClient;
  let started: Date;

  beforeAll(async () => {
    started = new Date(Math.floor(Date.now() / 1000) * 1000);
    server = await startEksid();
    iam = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' } });
  });
  afterAll(async () => {
    iam?.destroy();
    await server?.stop();
  });

  it('should create and get a role whose trust policy comes back URL-encoded', async () => {
    const created = await iam.send(new CreateRoleCommand({ RoleName: 'pod-role', Path: '/eks/', AssumeRolePolicyDocument: JSON.stringify(TRUST), MaxSessionDuration: 7200, Tags: [{ Key: 'team', Value: 'a' }] }));
    expect(created.Role).toMatchObject({ RoleName: 'pod-role', Path: '/eks/', Arn: 'arn:aws:iam::000000000000:role/eks/pod-role' });
    // IAM dates are whole seconds; the role was made after the server started.
    expect(created.Role?.CreateDate?.getTime()).toBeGreaterThanOrEqual(started.getTime());
    expect(created.Role?.CreateDate?.getTime()).toBeLessThanOrEqual(Date.now());
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: 'pod-role' }));
    expect(JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? ''))).toEqual(TRUST);
    expect(role).toMatchObject({ MaxSessionDuration: 7200, Tags: [{ Key: 'team', Value: 'a' }], RoleId: created.Role?.RoleId });
  });

  it('should surface IAM errors as the SDK exception classes with status and message', async () => {
    const missing = iam.send(new GetRoleCommand({ RoleName: 'ghost' }));
    await expect(missing).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 }, message: 'The role with name ghost cannot be found.' });
    const duplicate = iam.send(new CreateRoleCommand({ RoleName: 'POD-ROLE', AssumeRolePolicyDocument: JSON.stringify(TRUST) }));
    await expect(duplicate).rejects.toMatchObject({ name: 'EntityAlreadyExistsException', $metadata: { httpStatusCode: 409 }, message: 'Role with name POD-ROLE already exists.' });
    const malformed = iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: '{' }));
    await expect(malformed).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException', $metadata: { httpStatusCode: 400 }, message: 'Syntax errors in policy.' });
  });

  it('should round-trip inline and managed policies and block DeleteRole while attached', async () => {
    await iam.send(new PutRolePolicyCommand({ RoleName: 'pod-role', PolicyName: 'read', PolicyDocument: JSON.stringify(PERMISSIONS) }));
    const inline = await iam.send(new GetRolePolicyCommand({ RoleName: 'pod-role', PolicyName: 'read' }));
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument ?? ''))).toEqual(PERMISSIONS);
    const { Policy: policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'managed', PolicyDocument: JSON.stringify(PERMISSIONS) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'pod-role', PolicyArn: policy?.Arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'pod-role', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'pod-role' }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyName).sort()).toEqual(['AmazonS3ReadOnlyAccess', 'managed']);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: policy?.Arn }))).Policy).toMatchObject({ AttachmentCount: 1, IsAttachable: true, DefaultVersionId: 'v1' });
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'pod-role' }))).rejects.toMatchObject({ name: 'DeleteConflictException', $metadata: { httpStatusCode: 409 } });
  });

  it('should page ListRoles with the SDK paginator', async () => {
    for (let i = 0; i < 5; i++) await iam.send(new CreateRoleCommand({ RoleName: `paged-${i}`, Path: '/paged/', AssumeRolePolicyDocument: JSON.stringify(TRUST) }));
    const first = await iam.send(new ListRolesCommand({ PathPrefix: '/paged/', MaxItems: 2 }));
    expect(first).toMatchObject({ IsTruncated: true, Marker: expect.any(String) });
    const names: string[] = [];
    for await (const page of paginateListRoles({ client: iam, pageSize: 2 }, { PathPrefix: '/paged/' })) names.push(...(page.Roles ?? []).map((r: Role) => r.RoleName ?? ''));
    expect(names).toEqual(['paged-0', 'paged-1', 'paged-2', 'paged-3', 'paged-4']);
  });

  it('should register an OIDC provider for an eksid issuer and read it back', async () => {
    const url = `${server.url}/id/0123456789ABCDEF0123456789ABCDEF`;
    const created = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: url, ClientIDList: ['sts.amazonaws.com'] }));
    const hostPath = url.replace('http://', '');
    expect(created.OpenIDConnectProviderArn).toBe(`arn:aws:iam::000000000000:oidc-provider/${hostPath}`);
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: created.OpenIDConnectProviderArn }));
    expect(got).toMatchObject({ Url: hostPath, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [] });
    expect(got.CreateDate?.getTime()).toBeGreaterThanOrEqual(started.getTime());
    // An empty list travels as `ThumbprintList=`: present, so not a missing required member.
    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: created.OpenIDConnectProviderArn, ThumbprintList: [] }));
    const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(listed.OpenIDConnectProviderList).toEqual([{ Arn: created.OpenIDConnectProviderArn }]);
    await expect(iam.send(new CreateOpenIDConnectProviderCommand({ Url: url }))).rejects.toMatchObject({ name: 'EntityAlreadyExistsException', message: `Provider with url ${url} already exists.` });
  });

  // The aws CLI (botocore) URL-decodes policy documents itself and prints them as JSON.
  it.skipIf(warnIfMissing('aws CLI', awsCliMissing))('should give the aws CLI a trust policy it decodes back to JSON', async () => {
    const env = isolatedAwsEnv(server.url, ROOT_KEYS);
    const out = await awsJson<{ Role: { AssumeRolePolicyDocument: unknown } }>(['iam', 'get-role', '--role-name', 'pod-role'], env);
    expect(out.Role.AssumeRolePolicyDocument).toEqual(TRUST);
    const inline = await awsJson<{ PolicyDocument: unknown }>(['iam', 'get-role-policy', '--role-name', 'pod-role', '--policy-name', 'read'], env);
    expect(inline.PolicyDocument).toEqual(PERMISSIONS);
  });
});
