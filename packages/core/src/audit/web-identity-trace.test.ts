import { SignJWT, generateKeyPair } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AwsError } from '../errors.js';
import { clusterSigningKey } from '../keys/index.js';
import { assumeRoleWithWebIdentity } from '../sts/assume-role-with-web-identity.js';
import { ACCOUNT, StsFixture, statement } from '../sts/test-support.js';
import type { StsContext } from '../sts/types.js';
import { DecisionDraft } from './decision-draft.js';
import type { TraceLine } from './types.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

const ROLE = `arn:aws:iam::${ACCOUNT}:role/irsa`;
const SUB = 'system:serviceaccount:default:app';
const NOW = Date.parse('2026-03-01T12:00:00Z') / 1000;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = (extra: Record<string, unknown> = {}) => ({ aud: ['sts.amazonaws.com'], exp: NOW + 3600, iat: NOW, nbf: NOW, iss: fx.issuer, sub: SUB, ...extra });

/** Signed with the cluster's own key: valid unless the claims say otherwise. */
async function signed(extra: Record<string, unknown> = {}): Promise<string> {
  const { kid, key } = await clusterSigningKey(fx.store, fx.deps, fx.cluster);
  return new SignJWT(claims(extra)).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
}

/** Runs AssumeRoleWithWebIdentity with a draft listening; answers the draft and the error (if any). */
async function decide(token: string): Promise<{ draft: DecisionDraft; error: AwsError | undefined }> {
  const draft = new DecisionDraft('sts', 'AssumeRoleWithWebIdentity');
  const ctx: StsContext = { store: fx.store, deps: fx.deps, config: fx.config, audit: draft };
  const error = await assumeRoleWithWebIdentity(ctx, { RoleArn: ROLE, RoleSessionName: 's1', WebIdentityToken: token }, { sourceIp: '10.0.0.1' }).then(
    () => undefined,
    (e: unknown) => e as AwsError,
  );
  return { draft, error };
}

const failed = (trace: readonly TraceLine[]) => trace.filter((line) => line.ok === false).map((line) => line.text);

describe('the decision trace of assumeRoleWithWebIdentity', () => {
  it('words a replayed token anew once its provider changed (the lines are kept per claims and provider record)', async () => {
    fx.putRole('irsa', fx.irsaTrust());
    const token = await fx.mint();
    const audLine = (trace: readonly TraceLine[]) => trace.find((line) => line.text.startsWith('token aud'))?.text;
    expect(audLine((await decide(token)).draft.trace)).toBe('token aud "sts.amazonaws.com" is a client id of the provider ["sts.amazonaws.com"]');
    fx.store.oidcProviders.put({ ...fx.provider, clientIds: ['sts.amazonaws.com', 'other'] });
    const replay = await decide(token);
    expect(replay.error).toBeUndefined();
    expect(audLine(replay.draft.trace)).toBe('token aud "sts.amazonaws.com" is a client id of the provider ["sts.amazonaws.com","other"]');
    expect(replay.draft.subject).toEqual({ caller: SUB, cluster: 'c1', namespace: 'default', serviceAccount: 'app', role: ROLE });
  });

  it('records an allowed decision: who, which cluster, three token checks and the trust policy, nothing failed', async () => {
    fx.putRole('irsa', fx.irsaTrust());
    const { draft, error } = await decide(await fx.mint());
    expect(error).toBeUndefined();
    expect(draft.subject).toEqual({ caller: SUB, cluster: 'c1', namespace: 'default', serviceAccount: 'app', role: ROLE });
    const s0 = 'statement 0 (Allow)';
    expect(draft.trace).toEqual([
      { ok: true, text: `token issuer "${fx.issuer}" is OIDC provider ${fx.provider.arn}` },
      { ok: true, text: 'token signature verified; exp 2026-03-01T13:00:00.000Z not passed' },
      { ok: true, text: 'token aud "sts.amazonaws.com" is a client id of the provider ["sts.amazonaws.com"]' },
      { ok: null, text: `trust policy of ${ROLE}, actions sts:AssumeRoleWithWebIdentity:` },
      { ok: true, text: `${s0}: action "sts:AssumeRoleWithWebIdentity" matches Action ["sts:AssumeRoleWithWebIdentity"]` },
      { ok: true, text: `${s0}: Federated ["${fx.provider.arn}"] matches Principal {"Federated":["${fx.provider.arn}"]}` },
      { ok: true, text: `${s0}: condition StringEquals ${fx.hostPath}:aud: "sts.amazonaws.com" in ["sts.amazonaws.com"]` },
      { ok: true, text: `${s0}: condition StringEquals ${fx.hostPath}:sub: "${SUB}" in ["${SUB}"]` },
      { ok: true, text: `${s0}: applies` },
      { ok: true, text: `decision: Allow by ${s0}` },
    ]);
  });

  describe('token checks', () => {
    beforeEach(() => {
      fx.putRole('irsa', fx.irsaTrust());
    });

    const ALGS = 'RS256, RS384, RS512, ES256, ES384, ES512';
    it.each<[string, () => Promise<string>, string, string]>([
      ['not a JWT', async () => 'not a jwt', 'InvalidIdentityToken', 'token parse check: token has 1 dot-separated parts, a JWS has 3'],
      ['a token without sub', () => signed({ sub: undefined }), 'InvalidIdentityToken', 'token parse check: token has no sub claim'],
      ['alg none', async () => `${b64({ alg: 'none' })}.${b64(claims())}.`, 'InvalidIdentityToken', `token alg check: alg "none" is not one of ${ALGS}`],
      ['HS256', () => new SignJWT(claims()).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('a shared secret of 32 bytes!!!!!')), 'InvalidIdentityToken', `token alg check: alg "HS256" is not one of ${ALGS}`],
      ['a token without iss', () => signed({ iss: undefined }), 'InvalidIdentityToken', 'token issuer check: token has no iss claim'],
      ['an issuer with no OIDC provider', () => signed({ iss: 'https://oidc.example.com/id/NOPE' }), 'InvalidIdentityToken', `token issuer check: no OIDC provider with url oidc.example.com/id/NOPE in account ${ACCOUNT}`],
      ['a kid the cluster does not publish', async () => new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: 'forged' }).sign((await generateKeyPair('RS256')).privateKey), 'InvalidIdentityToken', 'token signature check: kid "forged" is not in the JWKS of cluster c1'],
      ['an expired token', () => signed({ exp: NOW }), 'ExpiredTokenException', 'token exp check: exp 2026-03-01T12:00:00.000Z is not after now 2026-03-01T12:00:00.000Z'],
      ['a token not valid for another 61 s', () => signed({ nbf: NOW + 61 }), 'InvalidIdentityToken', 'token nbf check: nbf 2026-03-01T12:01:01.000Z is more than 60s after now 2026-03-01T12:00:00.000Z'],
      ['an aud that is not a client id', () => fx.mint({ audiences: ['sts'] }), 'InvalidIdentityToken', 'token aud check: aud ["sts"] not in client ids ["sts.amazonaws.com"]'],
      ['a token without aud', () => signed({ aud: undefined }), 'InvalidIdentityToken', 'token aud check: token has no aud claim'],
    ])('rejects %s, naming the failed check and its detail as the only failed line', async (_name, token, code, line) => {
      const { draft, error } = await decide(await token());
      expect(error?.code).toBe(code);
      expect(draft.trace).toEqual([{ ok: false, text: line }]);
    });

    it('rejects a tampered payload, naming the key and issuer it failed to verify with', async () => {
      const { kid } = await clusterSigningKey(fx.store, fx.deps, fx.cluster);
      const [header, , signature] = (await fx.mint()).split('.');
      const { draft } = await decide(`${header}.${b64(claims({ sub: 'system:serviceaccount:kube-system:admin' }))}.${signature}`);
      expect(draft.trace).toEqual([{ ok: false, text: `token signature check: signature does not verify with key "${kid}" of ${fx.issuer}` }]);
    });

    it('records who a refused token claims to be, and the eksid cluster its iss names', async () => {
      const { draft } = await decide(await fx.mint({ audiences: ['sts'], namespace: 'team-a', serviceAccount: 'api' }));
      expect(draft.subject).toEqual({ caller: 'system:serviceaccount:team-a:api', cluster: 'c1', namespace: 'team-a', serviceAccount: 'api', role: ROLE });
    });

    it('records no claimed caller for a token that is not a JWT', async () => {
      const { draft } = await decide('not a jwt');
      expect(draft.subject).toEqual({ caller: null, cluster: null, namespace: null, serviceAccount: null, role: ROLE });
    });
  });

  describe('role and trust policy', () => {
    it('rejects a role that does not exist after the token passed', async () => {
      const { draft, error } = await decide(await fx.mint());
      expect(error?.code).toBe('AccessDenied');
      expect(draft.trace.map((line) => line.ok)).toEqual([true, true, true, false]);
      expect(failed(draft.trace)).toEqual([`role ${ROLE} does not exist`]);
    });

    it('rejects a provider the trust policy does not name as Federated principal', async () => {
      const other = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.example.com/id/OTHER`;
      fx.putRole('irsa', statement({ Federated: other }, 'sts:AssumeRoleWithWebIdentity'));
      const { draft, error } = await decide(await fx.mint());
      expect(error?.code).toBe('AccessDenied');
      expect(failed(draft.trace)).toEqual([
        `statement 0 (Allow): Federated ["${fx.provider.arn}"] does not match Principal {"Federated":["${other}"]}`,
        'statement 0 (Allow): does not apply',
        'decision: ImplicitDeny (no statement allows the request)',
      ]);
    });

    it('rejects a token whose sub the trust policy does not name, and only that condition fails', async () => {
      fx.putRole('irsa', fx.irsaTrust('system:serviceaccount:default:other'));
      const { draft } = await decide(await fx.mint());
      expect(failed(draft.trace)).toEqual([
        `statement 0 (Allow): condition StringEquals ${fx.hostPath}:sub: "${SUB}" not in ["system:serviceaccount:default:other"]`,
        'statement 0 (Allow): does not apply',
        'decision: ImplicitDeny (no statement allows the request)',
      ]);
    });

    /** The failed lines when the trust policy is one Allow for the provider under `condition` (token amr ["pwd"]). */
    async function failuresUnder(condition: object): Promise<string[]> {
      fx.putRole('irsa', statement({ Federated: fx.provider.arn }, 'sts:AssumeRoleWithWebIdentity', condition));
      const { draft, error } = await decide(await signed({ amr: ['pwd'] }));
      expect(error?.code).toBe('AccessDenied');
      return failed(draft.trace);
    }
    it.each<[string, () => object, () => string]>([
      ['StringLike on sub', () => ({ StringLike: { [`${fx.hostPath}:sub`]: 'system:serviceaccount:kube-system:*' } }), () => `StringLike ${fx.hostPath}:sub: "${SUB}" matches none of ["system:serviceaccount:kube-system:*"]`],
      ['ArnLike on aws:FederatedProvider', () => ({ ArnLike: { 'aws:FederatedProvider': `arn:aws:iam::444455556666:oidc-provider/*` } }), () => `ArnLike aws:FederatedProvider: "${fx.provider.arn}" matches none of ["arn:aws:iam::444455556666:oidc-provider/*"]`],
      ['NumericLessThan on aws:EpochTime', () => ({ NumericLessThan: { 'aws:EpochTime': '1000' } }), () => `NumericLessThan aws:EpochTime: "${NOW}" not < any of ["1000"]`],
      ['DateGreaterThan on aws:CurrentTime', () => ({ DateGreaterThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }), () => 'DateGreaterThan aws:CurrentTime: "2026-03-01T12:00:00Z" not > any of ["2027-01-01T00:00:00Z"]'],
      ['IpAddress on aws:SourceIp', () => ({ IpAddress: { 'aws:SourceIp': '192.168.0.0/16' } }), () => 'IpAddress aws:SourceIp: "10.0.0.1" not in ["192.168.0.0/16"]'],
      ['Bool on a key web identity never sets', () => ({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), () => 'Bool aws:MultiFactorAuthPresent: key missing, ["true"] → false'],
      ['Null asking for a token claim to be absent', () => ({ Null: { [`${fx.hostPath}:amr`]: 'true' } }), () => `Null ${fx.hostPath}:amr: key present, ["true"] → false`],
      ['StringEqualsIfExists on a present key', () => ({ StringEqualsIfExists: { [`${fx.hostPath}:sub`]: 'system:serviceaccount:default:other' } }), () => `StringEqualsIfExists ${fx.hostPath}:sub: "${SUB}" not in ["system:serviceaccount:default:other"]`],
      ['ForAnyValue:StringEquals on amr', () => ({ 'ForAnyValue:StringEquals': { [`${fx.hostPath}:amr`]: 'mfa' } }), () => `ForAnyValue:StringEquals ${fx.hostPath}:amr: ["pwd"] against ["mfa"] → false`],
    ])('rejects a failing %s condition, naming key, operator and values', async (_name, condition, sentence) => {
      expect(await failuresUnder(condition())).toEqual([
        `statement 0 (Allow): condition ${sentence()}`,
        'statement 0 (Allow): does not apply',
        'decision: ImplicitDeny (no statement allows the request)',
      ]);
    });

    it('rejects by an explicit Deny whose negated condition holds because the key is missing', async () => {
      fx.putRole('irsa', {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Federated: fx.provider.arn }, Action: 'sts:AssumeRoleWithWebIdentity' },
          { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringNotEquals: { [`${fx.hostPath}:amr`]: 'mfa' } } },
        ],
      });
      const { draft, error } = await decide(await fx.mint());
      expect(error?.code).toBe('AccessDenied');
      expect(draft.trace.slice(-3)).toEqual([
        { ok: null, text: `statement 1 (Deny): condition StringNotEquals ${fx.hostPath}:amr: key missing, ["mfa"] → true` },
        { ok: false, text: 'statement 1 (Deny): applies' },
        { ok: false, text: 'decision: ExplicitDeny by statement 1 (Deny)' },
      ]);
    });
  });
});
