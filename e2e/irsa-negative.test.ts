import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SignJWT, decodeJwt, decodeProtectedHeader, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEksid } from './support/eksid.js';
import type { EksidProcess } from './support/eksid.js';
import { REGION, createIrsaFixture } from './support/irsa-setup.js';
import type { IrsaFixture } from './support/irsa-setup.js';

// The negative matrix: every way a token or request can be wrong, with AWS's exact error code.
// The SDK names modeled errors by their shape: wire code InvalidIdentityToken surfaces as
// InvalidIdentityTokenException (botocore sts service-2.json maps the shape to the code).
const INVALID_TOKEN = 'InvalidIdentityTokenException';
describe('AssumeRoleWithWebIdentity refusals', () => {
  let eksid: EksidProcess;
  let fixture: IrsaFixture;
  let sts: STSClient;
  let good: string;
  let sign: (claims: Record<string, unknown>, header?: Record<string, unknown>) => Promise<string>;

  beforeAll(async () => {
    eksid = await startEksid();
    fixture = await createIrsaFixture(eksid.url, 'neg', 'neg-app', 'default', 'app');
    // A cluster whose issuer was never registered as an OIDC provider.
    await fetch(`${eksid.url}/clusters`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'unregistered', roleArn: 'arn:aws:iam::000000000000:role/eks', resourcesVpcConfig: {} }) });
    sts = new STSClient({ endpoint: eksid.url, region: REGION, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' }, maxAttempts: 1 });
    good = await eksid.token({ cluster: 'neg', namespace: 'default', serviceAccount: 'app' });
    const keys = (await (await fetch(`${eksid.url}/_eksid/keys/neg`, { headers: eksid.adminHeaders })).json()) as { privateKeyPem: string };
    const key = await importPKCS8(keys.privateKeyPem, 'RS256');
    const kid = decodeProtectedHeader(good).kid as string;
    sign = (claims, header = {}) => new SignJWT({ ...decodeJwt(good), ...claims }).setProtectedHeader({ alg: 'RS256', kid, ...header }).sign(key);
  });
  afterAll(async () => {
    sts?.destroy();
    await eksid?.stop();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

  async function assume(token: string, overrides: { RoleArn?: string; DurationSeconds?: number } = {}) {
    try {
      await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: fixture.roleArn, RoleSessionName: 'neg', WebIdentityToken: token, ...overrides }));
      return { code: 'none', status: 200 };
    } catch (err) {
      const e = err as { name: string; $metadata?: { httpStatusCode?: number } };
      return { code: e.name, status: e.$metadata?.httpStatusCode };
    }
  }

  it('should accept the untampered token (control case)', async () => {
    expect(await assume(good)).toEqual({ code: 'none', status: 200 });
  });

  it.each([
    ['a tampered signature', async () => good.slice(0, -4) + (good.endsWith('AAAA') ? 'BBBB' : 'AAAA'), INVALID_TOKEN, 400],
    ['alg none', async () => `${b64({ alg: 'none', kid: decodeProtectedHeader(good).kid })}.${good.split('.')[1]}.`, INVALID_TOKEN, 400],
    ['HS256 signed with the public JWK as secret', async () => {
      const jwks = (await (await fetch(`${fixture.issuer}/keys`)).json()) as { keys: { n: string }[] };
      return new SignJWT(decodeJwt(good)).setProtectedHeader({ alg: 'HS256', kid: decodeProtectedHeader(good).kid as string }).sign(Buffer.from(jwks.keys[0]!.n));
    }, INVALID_TOKEN, 400],
    ['an expired token', async () => sign({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 }), 'ExpiredTokenException', 400],
    ['a token not valid for another hour', async () => sign({ iat: now() + 3600, nbf: now() + 3600, exp: now() + 7200 }), INVALID_TOKEN, 400],
    ['a wrong audience', async () => eksid.token({ cluster: 'neg', namespace: 'default', serviceAccount: 'app', audience: 'vault' }), INVALID_TOKEN, 400],
    ['an unregistered issuer', async () => eksid.token({ cluster: 'unregistered', namespace: 'default', serviceAccount: 'app' }), INVALID_TOKEN, 400],
    ['a subject the trust policy does not name', async () => eksid.token({ cluster: 'neg', namespace: 'default', serviceAccount: 'other' }), 'AccessDenied', 403],
    ['garbage', async () => 'not-a-jwt-at-all', INVALID_TOKEN, 400],
    ['a truncated token', async () => good.slice(0, good.length / 2), INVALID_TOKEN, 400],
  ])('should refuse %s', async (_case, makeToken, code, status) => {
    expect(await assume(await makeToken())).toEqual({ code, status });
  });

  it.each([
    ['a role that does not exist', { RoleArn: 'arn:aws:iam::000000000000:role/missing' }, 'AccessDenied', 403],
    ['a duration over the role maximum', { DurationSeconds: 7200 }, 'ValidationError', 400],
    ['a duration under 900 seconds', { DurationSeconds: 899 }, 'ValidationError', 400],
  ])('should refuse %s', async (_case, overrides, code, status) => {
    expect(await assume(good, overrides)).toEqual({ code, status });
  });

  it('should refuse a token over 20000 characters with ValidationError', async () => {
    expect(await assume('a'.repeat(20001))).toEqual({ code: 'ValidationError', status: 400 });
  });
});
