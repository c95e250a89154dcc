import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountIdFromAccessKeyId } from '../ids/index.js';
import { STS_MESSAGES } from '../jwt/index.js';
import { clusterSigningKey } from '../keys/index.js';
import { assumeRoleWithWebIdentity, WEB_IDENTITY_DENIED } from './assume-role-with-web-identity.js';
import { AccessDeniedError } from './errors.js';
import { ROLE_MESSAGES } from './role-target.js';
import { ACCOUNT, START, StsFixture, statement } from './test-support.js';
import type { AssumeRoleWithWebIdentityInput } from './types.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

const call = (input: Partial<AssumeRoleWithWebIdentityInput> & { WebIdentityToken: string }) =>
  assumeRoleWithWebIdentity(fx, { RoleArn: `arn:aws:iam::${ACCOUNT}:role/irsa`, RoleSessionName: 's1', ...input }, { sourceIp: '10.0.0.1' });

/** A token signed by the cluster's own key with extra claims (session tags, source identity, amr). */
async function customToken(extra: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  await fx.mint();
  const { kid, key } = await clusterSigningKey(fx.store, fx.deps, fx.cluster);
  const iat = Math.floor(fx.clock.now().getTime() / 1000);
  const claims = { aud: ['sts.amazonaws.com'], exp: iat + 3600, iat, nbf: iat, iss: fx.issuer, sub: 'system:serviceaccount:default:app', ...extra };
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, ...header }).sign(key);
}

describe('assumeRoleWithWebIdentity', () => {
  it('exchanges a cluster service-account token for role credentials (IRSA)', async () => {
    const role = fx.putRole('irsa', fx.irsaTrust());
    const result = await call({ WebIdentityToken: await fx.mint() });

    expect(result.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(accountIdFromAccessKeyId(result.Credentials.AccessKeyId)).toBe(ACCOUNT);
    expect(result.Credentials.SecretAccessKey).toHaveLength(40);
    expect(result.Credentials.Expiration).toEqual(new Date(Date.parse(START) + 3600_000));
    expect(result).toMatchObject({
      SubjectFromWebIdentityToken: 'system:serviceaccount:default:app',
      Audience: 'sts.amazonaws.com',
      Provider: fx.provider.arn,
      AssumedRoleUser: { AssumedRoleId: `${role.roleId}:s1`, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/irsa/s1` },
    });
    expect(result).not.toHaveProperty('PackedPolicySize');
    const session = fx.store.sessions.open(result.Credentials.AccessKeyId, result.Credentials.SessionToken);
    expect(session).toMatchObject({
      roleArn: role.arn,
      arn: result.AssumedRoleUser.Arn,
      userId: result.AssumedRoleUser.AssumedRoleId,
      context: { federatedProvider: fx.provider.arn },
    });
  });

  it('issues for DurationSeconds up to the role MaxSessionDuration', async () => {
    fx.putRole('irsa', fx.irsaTrust(), { maxSessionDuration: 43200 });
    const result = await call({ WebIdentityToken: await fx.mint(), DurationSeconds: 43200 });
    expect(result.Credentials.Expiration).toEqual(new Date(Date.parse(START) + 43200_000));
  });

  it('remembers a session policy and reports its packed size', async () => {
    fx.putRole('irsa', fx.irsaTrust());
    const Policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const result = await call({ WebIdentityToken: await fx.mint(), Policy });
    expect(result.PackedPolicySize).toBeGreaterThan(0);
    expect(result.PackedPolicySize).toBeLessThanOrEqual(100);
    expect(fx.store.sessions.open(result.Credentials.AccessKeyId, result.Credentials.SessionToken)?.context).toMatchObject({ sessionPolicy: Policy });
  });

  it('sets session tags from the token only when the trust policy allows sts:TagSession', async () => {
    const tagClaims = { 'https://aws.amazon.com/tags': { principal_tags: { Project: ['Unicorn'], Team: ['Blue'] }, transitive_tag_keys: ['Project'] } };
    fx.putRole('irsa', fx.irsaTrust());
    await expect(call({ WebIdentityToken: await customToken(tagClaims) })).rejects.toMatchObject({ code: 'AccessDenied', status: 403, message: WEB_IDENTITY_DENIED });

    const trust = statement({ Federated: fx.provider.arn }, ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'], { StringEquals: { 'aws:RequestTag/Team': 'Blue' } });
    fx.putRole('irsa', trust);
    const result = await call({ WebIdentityToken: await customToken(tagClaims) });
    expect(result.PackedPolicySize).toBeGreaterThan(0);
    expect(fx.store.sessions.open(result.Credentials.AccessKeyId, result.Credentials.SessionToken)?.context).toMatchObject({
      principalTags: { Project: 'Unicorn', Team: 'Blue' },
      transitiveTagKeys: ['Project'],
    });
  });

  it('sets the source identity from the token only with sts:SetSourceIdentity', async () => {
    const claims = { 'https://aws.amazon.com/source_identity': 'alice' };
    fx.putRole('irsa', fx.irsaTrust());
    await expect(call({ WebIdentityToken: await customToken(claims) })).rejects.toMatchObject({ code: 'AccessDenied' });
    fx.putRole('irsa', statement({ Federated: fx.provider.arn }, ['sts:AssumeRoleWithWebIdentity', 'sts:SetSourceIdentity'], { StringEquals: { 'sts:SourceIdentity': 'alice' } }));
    const result = await call({ WebIdentityToken: await customToken(claims) });
    expect(result.SourceIdentity).toBe('alice');
  });

  it('offers sts:RoleSessionName, aws:FederatedProvider and multivalued :amr to the trust policy', async () => {
    fx.putRole('irsa', statement({ Federated: fx.provider.arn }, 'sts:AssumeRoleWithWebIdentity', {
      StringEquals: { 'sts:RoleSessionName': 's1', 'aws:FederatedProvider': fx.provider.arn },
      'ForAnyValue:StringEquals': { [`${fx.hostPath}:amr`]: 'mfa' },
    }));
    await expect(call({ WebIdentityToken: await customToken({ amr: ['pwd', 'mfa'] }) })).resolves.toBeDefined();
    await expect(call({ WebIdentityToken: await customToken({ amr: ['pwd'] }) })).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(call({ WebIdentityToken: await customToken({ amr: ['mfa'] }), RoleSessionName: 's2' })).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('keeps the trust decision on the AccessDenied error for explanations', async () => {
    fx.putRole('irsa', fx.irsaTrust('system:serviceaccount:prod:app'));
    const error = await call({ WebIdentityToken: await fx.mint() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect((error as AccessDeniedError).decision?.trace.some((t) => t.kind === 'condition' && !t.result)).toBe(true);
  });

  type Case = [name: string, setup: () => Promise<Partial<AssumeRoleWithWebIdentityInput> & { WebIdentityToken: string }>, code: string, status: number, message: string | RegExp];
  const replaceSignature = (token: string): string => {
    const [h, p, s = ''] = token.split('.');
    return `${h}.${p}.${(s.startsWith('A') ? 'B' : 'A') + s.slice(1)}`;
  };
  const header = (token: string, replace: Record<string, unknown>): string => {
    const [h = '', p] = token.split('.');
    const decoded = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
    return `${Buffer.from(JSON.stringify({ ...decoded, ...replace })).toString('base64url')}.${p}.`;
  };
  const cases: Case[] = [
    ['a tampered signature', async () => ({ WebIdentityToken: replaceSignature(await fx.mint()) }), 'InvalidIdentityToken', 400, STS_MESSAGES.invalid],
    ['alg none', async () => ({ WebIdentityToken: header(await fx.mint(), { alg: 'none' }) }), 'InvalidIdentityToken', 400, STS_MESSAGES.invalid],
    ['an HS256 token', async () => ({ WebIdentityToken: await new SignJWT({ sub: 'x', iss: fx.issuer, aud: 'sts.amazonaws.com' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(Buffer.alloc(32, 1)) }), 'InvalidIdentityToken', 400, STS_MESSAGES.invalid],
    ['an expired token', async () => {
      const WebIdentityToken = await fx.mint({ expirationSeconds: 600 });
      fx.clock.advance(600);
      return { WebIdentityToken };
    }, 'ExpiredTokenException', 400, /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/],
    ['a token not yet valid', async () => {
      fx.clock.advance(3600);
      const WebIdentityToken = await fx.mint();
      fx.clock.set(START);
      return { WebIdentityToken };
    }, 'InvalidIdentityToken', 400, STS_MESSAGES.invalid],
    ['an aud that is not a client id', async () => ({ WebIdentityToken: await fx.mint({ audiences: ['vault'] }) }), 'InvalidIdentityToken', 400, STS_MESSAGES.audience],
    ['an issuer with no OIDC provider', async () => {
      const WebIdentityToken = await fx.mint();
      fx.store.oidcProviders.delete(fx.provider.arn);
      return { WebIdentityToken };
    }, 'InvalidIdentityToken', 400, /^No OpenIDConnect provider found in your account for http:\/\/127\.0\.0\.1:4599\/id\/[0-9A-F]{32}$/],
    ['a sub the trust policy does not name', async () => ({ WebIdentityToken: await fx.mint({ serviceAccount: 'other' }) }), 'AccessDenied', 403, WEB_IDENTITY_DENIED],
    ['a role that does not exist', async () => ({ WebIdentityToken: await fx.mint(), RoleArn: `arn:aws:iam::${ACCOUNT}:role/nope` }), 'AccessDenied', 403, WEB_IDENTITY_DENIED],
    ['a role in another account', async () => ({ WebIdentityToken: await fx.mint(), RoleArn: 'arn:aws:iam::999999999999:role/irsa' }), 'AccessDenied', 403, WEB_IDENTITY_DENIED],
    ['DurationSeconds over the role maximum', async () => ({ WebIdentityToken: await fx.mint(), DurationSeconds: 3601 }), 'ValidationError', 400, ROLE_MESSAGES.overRoleMax],
    ['a RoleArn that is not a role ARN', async () => ({ WebIdentityToken: await fx.mint(), RoleArn: `arn:aws:iam::${ACCOUNT}:user/irsa` }), 'ValidationError', 400, 'Request ARN is invalid'],
    ['a session policy that is not a policy', async () => ({ WebIdentityToken: await fx.mint(), Policy: '{"Statement":' }), 'MalformedPolicyDocument', 400, 'Syntax errors in policy.'],
  ];

  it.each(cases)('rejects %s', async (_name, setup, code, status, message) => {
    fx.putRole('irsa', fx.irsaTrust());
    const input = await setup();
    const error = await call(input).catch((e: unknown) => e);
    expect(error).toMatchObject({ code, status });
    expect((error as Error).message).toMatch(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);
  });

  it('names the issuer in the no-provider message', async () => {
    fx.putRole('irsa', fx.irsaTrust());
    const WebIdentityToken = await fx.mint();
    fx.store.oidcProviders.delete(fx.provider.arn);
    await expect(call({ WebIdentityToken })).rejects.toMatchObject({ message: `No OpenIDConnect provider found in your account for ${fx.issuer}` });
  });
});
