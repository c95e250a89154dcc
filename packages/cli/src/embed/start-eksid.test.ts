import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromHttp, fromTokenFile } from '@aws-sdk/credential-providers';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { decodeJwt } from '../test-support.js';
import type { Eksid } from './api.js';
import { startEksid } from './start-eksid.js';

const DEMO = fileURLToPath(new URL('../../../../examples/demo.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'eksid-embed-'));
const started: Eksid[] = [];
afterEach(async () => {
  for (const eksid of started.splice(0)) await eksid.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(...args: Parameters<typeof startEksid>): Promise<Eksid> {
  const eksid = await startEksid(...args);
  started.push(eksid);
  return eksid;
}

async function callerArn(eksid: Eksid, credentials: Awaited<ReturnType<ReturnType<typeof fromHttp>>>): Promise<string | undefined> {
  const sts = new STSClient({ region: eksid.region, endpoint: eksid.endpoint, credentials });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

describe('startEksid', () => {
  it('should serve a throwaway store on a free loopback port, many instances side by side', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(b.endpoint).not.toBe(a.endpoint);
    expect([a.accountId, a.region]).toEqual(['000000000000', 'us-east-1']);
    expect(await (await fetch(`${a.endpoint}/_eksid/health`)).json()).toMatchObject({ status: 'ok' });
    await a.close();
    started.splice(started.indexOf(a), 1);
    await expect(fetch(`${a.endpoint}/_eksid/health`)).rejects.toThrow();
    expect((await fetch(`${b.endpoint}/_eksid/health`)).status).toBe(200);
  });

  it('should answer the allowedHosts it is given besides loopback names, and refuse other Hosts', async () => {
    const eksid = await start({ allowedHosts: ['host.docker.internal'] });
    const statusFor = (host: string) => new Promise<number>((resolve, reject) => {
      request(`${eksid.endpoint}/_eksid/health`, { headers: { host } }, (res) => resolve(res.resume().statusCode ?? 0)).on('error', reject).end();
    });
    expect(await Promise.all(['host.docker.internal:4599', 'localhost', 'rebind.attacker.example'].map(statusFor))).toEqual([200, 200, 403]);
  });

  it('should expose its admin token, which /_eksid asks for, or take one given', async () => {
    const eksid = await start({ config: DEMO });
    const other = await start({ config: DEMO, adminToken: 'chosen' });
    expect(eksid.adminToken).toMatch(/^[\w-]{43}$/);
    expect(other.adminToken).toBe('chosen');
    expect((await fetch(`${eksid.endpoint}/_eksid/keys/demo`)).status).toBe(401);
    expect((await fetch(`${eksid.endpoint}/_eksid/keys/demo`, { headers: { 'x-eksid-admin-token': eksid.adminToken } })).status).toBe(200);
    expect((await fetch(`${other.endpoint}/_eksid/keys/demo`, { headers: { 'x-eksid-admin-token': 'chosen' } })).status).toBe(200);
  });

  it('should apply a config file at start and again idempotently, or a parsed document', async () => {
    const eksid = await start({ config: DEMO });
    expect(eksid.issuer('demo')).toMatch(new RegExp(`^${eksid.endpoint}/id/[0-9A-F]{32}$`));
    expect(await eksid.apply(DEMO)).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    expect(await eksid.apply({ clusters: [{ name: 'second' }] })).toMatchObject({ created: 1, changes: [{ kind: 'cluster', name: 'second', action: 'created' }] });
  });

  it('should refuse a bad config with the path inside it, naming its source', async () => {
    await expect(startEksid({ config: { roles: [{ name: 'r', trustPolicy: 'irsa' }] } })).rejects.toThrow('config: roles[0].trustPolicy: expected an object, got string "irsa"');
    await expect(startEksid({ config: join(dir, 'missing.yaml') })).rejects.toThrow(`cannot read ${join(dir, 'missing.yaml')}: no such file`);
    const eksid = await start();
    await expect(eksid.apply({ clusters: 'demo' })).rejects.toThrow('config: clusters: expected a list');
  });

  it("should mint tokens signed by the cluster's issuer, audience sts.amazonaws.com by default", async () => {
    const eksid = await start({ config: DEMO });
    const { header, claims } = decodeJwt(await eksid.token({ cluster: 'demo', namespace: 'default', serviceAccount: 'app' }));
    expect(header['alg']).toBe('RS256');
    expect(claims).toMatchObject({ iss: eksid.issuer('demo'), sub: 'system:serviceaccount:default:app', aud: ['sts.amazonaws.com'] });
    const bound = decodeJwt(await eksid.token({ cluster: 'demo', namespace: 'ns', serviceAccount: 'sa', audience: 'pods.eks.amazonaws.com', pod: 'p-1', expirationSeconds: 600 })).claims;
    expect(bound).toMatchObject({ aud: ['pods.eks.amazonaws.com'], 'kubernetes.io': { pod: { name: 'p-1' } } });
    expect(Number(bound['exp']) - Number(bound['iat'])).toBe(600);
  });

  it.each([
    [{ cluster: 'nope', namespace: 'default', serviceAccount: 'app' }, /^token: .*nope/],
    [{ cluster: 'demo', namespace: 'Bad_NS', serviceAccount: 'app' }, /^token: .*Bad_NS/],
    [{ cluster: 'demo', namespace: 'default', serviceAccount: 'app', expirationSeconds: 5 }, 'token: expirationSeconds: Invalid value: 5: may not specify a duration less than 10 minutes'],
  ])('should refuse the token request %j with a plain Error', async (request, message) => {
    const eksid = await start({ config: DEMO });
    await expect(eksid.token(request)).rejects.toThrow(message);
  });

  it("should write an IRSA token file as kubelet does and give the env the SDK assumes the annotation's role with", async () => {
    const eksid = await start({ config: DEMO });
    const tokenFile = join(dir, 'irsa', 'token');
    const env = await eksid.irsaEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'app', tokenFile });
    expect(env).toEqual({
      AWS_STS_REGIONAL_ENDPOINTS: 'regional',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: eksid.endpoint,
      AWS_ROLE_ARN: 'arn:aws:iam::000000000000:role/demo-app',
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
    });
    expect(readFileSync(tokenFile, 'utf8')).not.toMatch(/\n/);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const credentials = await fromTokenFile({ roleArn: env['AWS_ROLE_ARN'], webIdentityTokenFile: tokenFile, clientConfig: { region: eksid.region, endpoint: eksid.endpoint } })();
    expect(await callerArn(eksid, credentials)).toMatch(/^arn:aws:sts::000000000000:assumed-role\/demo-app\//);
  });

  it('should ask for roleArn when the service account has no role annotation', async () => {
    const eksid = await start({ config: DEMO });
    await expect(eksid.irsaEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', tokenFile: join(dir, 't') })).rejects.toThrow(
      'irsaEnv: default/pod-app in cluster demo has no eks.amazonaws.com/role-arn annotation; pass roleArn',
    );
  });

  it('should give Pod Identity env whose loopback agent hands out the associated role, and stop the agent on close', async () => {
    const eksid = await start({ config: DEMO });
    const tokenFile = join(dir, 'pod-identity', 'eks-pod-identity-token');
    const env = await eksid.podIdentityEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', tokenFile });
    expect(env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']).toBe(tokenFile);
    expect(decodeJwt(readFileSync(tokenFile, 'utf8')).claims).toMatchObject({ aud: ['pods.eks.amazonaws.com'], 'kubernetes.io': { pod: { name: 'pod-app-pod' } } });
    const uri = env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '';
    expect(uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/credentials$/);
    const credentials = await fromHttp({ awsContainerCredentialsFullUri: uri, awsContainerAuthorizationTokenFile: tokenFile })();
    expect(await callerArn(eksid, credentials)).toMatch(/^arn:aws:sts::000000000000:assumed-role\/demo-pod-identity\//);
    const again = await eksid.podIdentityEnv({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app', tokenFile });
    expect(again['AWS_CONTAINER_CREDENTIALS_FULL_URI']).toBe(uri);
    await eksid.close();
    started.splice(0);
    await expect(fetch(uri)).rejects.toThrow();
  });
});
