import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { ROOT_KEYS, awsCliMissing, awsJson, irsaTrustPolicy, isolatedAwsEnv, run, warnIfMissing, writeTokenFile } from './support/clients.js';

// `eksid up --strict-signatures` with the root key pair from the environment, driven by the unmodified aws CLI.
describe.skipIf(warnIfMissing('aws CLI', awsCliMissing))('strict signatures with the aws CLI', () => {
  let eksid: EksidProcess;
  let root: NodeJS.ProcessEnv;

  beforeAll(async () => {
    eksid = await startEksid({
      args: ['--strict-signatures'],
      env: { EKSID_ROOT_ACCESS_KEY_ID: ROOT_KEYS.AWS_ACCESS_KEY_ID, EKSID_ROOT_SECRET_ACCESS_KEY: ROOT_KEYS.AWS_SECRET_ACCESS_KEY },
    });
    root = isolatedAwsEnv(eksid.url, ROOT_KEYS);
  });
  afterAll(async () => eksid?.stop());

  it('should take the root key pair given in the environment as the account root', async () => {
    const identity = await awsJson<{ Arn: string; Account: string }>(['sts', 'get-caller-identity'], root);
    expect(identity).toMatchObject({ Arn: 'arn:aws:iam::000000000000:root', Account: '000000000000' });
  });

  it.each([
    ['iam', ['iam', 'list-roles'], 'An error occurred (MissingAuthenticationToken) when calling the ListRoles operation: Request is missing Authentication Token'],
    ['eks', ['eks', 'list-clusters'], 'An error occurred (MissingAuthenticationTokenException) when calling the ListClusters operation: Missing Authentication Token'],
  ])('should refuse an unsigned %s call', async (_service, args, message) => {
    const result = await run('aws', ['--no-sign-request', ...args], root);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
  });

  it.each([
    ['sts', ['sts', 'get-caller-identity'], 'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.'],
    ['eks', ['eks', 'list-clusters'], 'An error occurred (UnrecognizedClientException) when calling the ListClusters operation: The security token included in the request is invalid.'],
  ])('should refuse keys it does not know on %s', async (_service, args, message) => {
    const result = await run('aws', args, isolatedAwsEnv(eksid.url, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
  });

  it('should refuse the root key pair signed for another region, with STS message', async () => {
    const result = await run('aws', ['sts', 'get-caller-identity', '--region', 'eu-west-1'], root);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Credential should be scoped to a valid region.');
  });

  it('should run IRSA end to end: admin calls signed as the root, AssumeRoleWithWebIdentity unsigned, the session signed', async () => {
    await awsJson(['eks', 'create-cluster', '--name', 'strict', '--role-arn', 'arn:aws:iam::000000000000:role/eks', '--resources-vpc-config', 'subnetIds=subnet-1'], root);
    const described = await awsJson<{ cluster: { identity: { oidc: { issuer: string } } } }>(['eks', 'describe-cluster', '--name', 'strict'], root);
    const issuer = described.cluster.identity.oidc.issuer;
    const hostPath = issuer.replace(/^https?:\/\//, '');
    const provider = await awsJson<{ OpenIDConnectProviderArn: string }>(['iam', 'create-open-id-connect-provider', '--url', issuer, '--client-id-list', 'sts.amazonaws.com'], root);
    await awsJson(['iam', 'create-role', '--role-name', 'strict-app', '--assume-role-policy-document', irsaTrustPolicy(provider.OpenIDConnectProviderArn, hostPath, 'default', 'app')], root);
    const tokenFile = writeTokenFile(await eksid.token({ cluster: 'strict', namespace: 'default', serviceAccount: 'app' }));
    const pod = isolatedAwsEnv(eksid.url, { AWS_ROLE_ARN: 'arn:aws:iam::000000000000:role/strict-app', AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_SESSION_NAME: 'strict' });
    const identity = await awsJson<{ Arn: string }>(['sts', 'get-caller-identity'], pod);
    expect(identity.Arn).toBe('arn:aws:sts::000000000000:assumed-role/strict-app/strict');
  });
});
