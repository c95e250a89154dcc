import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, boto3Missing, isolatedAwsEnv, run, warnIfMissing, writeTokenFile } from './support/clients.js';

// boto3's own AssumeRoleWithWebIdentity provider (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE).
const SETUP = `
import boto3, json, sys
eks = boto3.client("eks"); iam = boto3.client("iam")
eks.create_cluster(name="py-demo", roleArn="arn:aws:iam::000000000000:role/eks", resourcesVpcConfig={"subnetIds": ["subnet-1"]})
issuer = eks.describe_cluster(name="py-demo")["cluster"]["identity"]["oidc"]["issuer"]
host = issuer.split("://", 1)[1]
arn = iam.create_open_id_connect_provider(Url=issuer, ClientIDList=["sts.amazonaws.com"])["OpenIDConnectProviderArn"]
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": arn},
  "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {host + ":sub": "system:serviceaccount:payments:api", host + ":aud": "sts.amazonaws.com"}}}]}
iam.create_role(RoleName="py-app", AssumeRolePolicyDocument=json.dumps(trust), MaxSessionDuration=7200)
print(json.dumps({"issuer": issuer, "provider": arn}))
`;

const WHOAMI = `
import boto3, json
session = boto3.Session()
creds = session.get_credentials().get_frozen_credentials()
ident = session.client("sts").get_caller_identity()
print(json.dumps({"arn": ident["Arn"], "userId": ident["UserId"], "key": creds.access_key, "method": session.get_credentials().method}))
`;

describe.skipIf(warnIfMissing('boto3', boto3Missing))('IRSA with boto3', () => {
  let eksid: EksidProcess;

  beforeAll(async () => {
    eksid = await startEksid();
    const setup = await run('python3', ['-c', SETUP], isolatedAwsEnv(eksid.url, ROOT_KEYS));
    if (setup.code !== 0) throw new Error(setup.stderr);
  });
  afterAll(async () => eksid?.stop());

  it('should assume the role with the web-identity provider and sign GetCallerIdentity with the session', async () => {
    const tokenFile = writeTokenFile(await eksid.token({ cluster: 'py-demo', namespace: 'payments', serviceAccount: 'api', pod: 'api-7d9f' }));
    const env = isolatedAwsEnv(eksid.url, { AWS_ROLE_ARN: 'arn:aws:iam::000000000000:role/py-app', AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_SESSION_NAME: 'boto' });
    const result = await run('python3', ['-c', WHOAMI], env);
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout) as { arn: string; userId: string; key: string; method: string };
    expect(out.method).toBe('assume-role-with-web-identity');
    expect(out.arn).toBe('arn:aws:sts::000000000000:assumed-role/py-app/boto');
    expect(out.userId).toMatch(/^AROA[A-Z0-9]{17}:boto$/);
    expect(out.key).toMatch(/^ASIA[A-Z0-9]{16}$/);
  });

  it('should surface AccessDenied to boto3 for a namespace the trust policy does not allow', async () => {
    const tokenFile = writeTokenFile(await eksid.token({ cluster: 'py-demo', namespace: 'default', serviceAccount: 'api' }));
    const env = isolatedAwsEnv(eksid.url, { AWS_ROLE_ARN: 'arn:aws:iam::000000000000:role/py-app', AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile });
    const result = await run('python3', ['-c', WHOAMI], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/AccessDenied.*AssumeRoleWithWebIdentity/);
  });
});
