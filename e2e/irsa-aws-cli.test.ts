import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, awsCliMissing, awsJson, irsaTrustPolicy, isolatedAwsEnv, run, warnIfMissing, writeTokenFile } from './support/clients.js';

// The IRSA walk-through of the seeds, with the unmodified aws CLI (v1, botocore) against eksid.
describe.skipIf(warnIfMissing('aws CLI', awsCliMissing))('IRSA with the aws CLI', () => {
  let eksid: EksidProcess;
  let admin: NodeJS.ProcessEnv;
  let issuer = '';
  let providerArn = '';

  beforeAll(async () => {
    eksid = await startEksid();
    admin = isolatedAwsEnv(eksid.url, ROOT_KEYS);
  });
  afterAll(async () => eksid?.stop());

  it('should create and describe a cluster whose issuer is <public-url>/id/<32 hex>', async () => {
    const created = await awsJson<{ cluster: { name: string; status: string } }>(
      ['eks', 'create-cluster', '--name', 'cli-demo', '--role-arn', 'arn:aws:iam::000000000000:role/eks-cluster', '--resources-vpc-config', 'subnetIds=subnet-1,subnet-2'],
      admin,
    );
    expect(created.cluster.name).toBe('cli-demo');
    const described = await awsJson<{ cluster: { identity: { oidc: { issuer: string } } } }>(['eks', 'describe-cluster', '--name', 'cli-demo'], admin);
    issuer = described.cluster.identity.oidc.issuer;
    expect(issuer).toMatch(new RegExp(`^${eksid.url}/id/[0-9A-F]{32}$`));
    const listed = await awsJson<{ clusters: string[] }>(['eks', 'list-clusters'], admin);
    expect(listed.clusters).toContain('cli-demo');
  });

  it('should register the issuer as an OIDC provider without a thumbprint and create the IRSA role', async () => {
    const provider = await awsJson<{ OpenIDConnectProviderArn: string }>(
      ['iam', 'create-open-id-connect-provider', '--url', issuer, '--client-id-list', 'sts.amazonaws.com'],
      admin,
    );
    providerArn = provider.OpenIDConnectProviderArn;
    const hostPath = issuer.replace(/^https?:\/\//, '');
    expect(providerArn).toBe(`arn:aws:iam::000000000000:oidc-provider/${hostPath}`);
    const role = await awsJson<{ Role: { Arn: string; RoleId: string } }>(
      ['iam', 'create-role', '--role-name', 'cli-app', '--assume-role-policy-document', irsaTrustPolicy(providerArn, hostPath, 'default', 'app')],
      admin,
    );
    expect(role.Role.Arn).toBe('arn:aws:iam::000000000000:role/cli-app');
    expect(role.Role.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
  });

  it('should get web-identity credentials through the CLI provider chain and report the assumed role', async () => {
    const tokenFile = writeTokenFile(await eksid.token({ cluster: 'cli-demo', namespace: 'default', serviceAccount: 'app' }));
    const pod = isolatedAwsEnv(eksid.url, {
      AWS_ROLE_ARN: 'arn:aws:iam::000000000000:role/cli-app',
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      AWS_ROLE_SESSION_NAME: 'cli-session',
      AWS_ENDPOINT_URL_STS: eksid.url,
    });
    const identity = await awsJson<{ Arn: string; UserId: string; Account: string }>(['sts', 'get-caller-identity'], pod);
    expect(identity.Arn).toBe('arn:aws:sts::000000000000:assumed-role/cli-app/cli-session');
    expect(identity.UserId).toMatch(/^AROA[A-Z0-9]{17}:cli-session$/);
    expect(identity.Account).toBe('000000000000');
  });

  it('should refuse a service account the trust policy does not name, with AccessDenied', async () => {
    const tokenFile = writeTokenFile(await eksid.token({ cluster: 'cli-demo', namespace: 'default', serviceAccount: 'intruder' }));
    const pod = isolatedAwsEnv(eksid.url, { AWS_ROLE_ARN: 'arn:aws:iam::000000000000:role/cli-app', AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile });
    const result = await run('aws', ['sts', 'get-caller-identity'], pod);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('AccessDenied');
  });

  it('should list and delete the cluster', async () => {
    await awsJson(['eks', 'delete-cluster', '--name', 'cli-demo'], admin);
    const listed = await awsJson<{ clusters: string[] }>(['eks', 'list-clusters'], admin);
    expect(listed.clusters).not.toContain('cli-demo');
    const missing = await run('aws', ['eks', 'describe-cluster', '--name', 'cli-demo'], admin);
    expect(missing.stderr).toContain('ResourceNotFoundException');
  });
});
