import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AwsError } from '../errors.js';
import { assumeRoleForPodIdentity } from '../eks-auth/assume-role-for-pod-identity.js';
import { CLUSTER_ARN, POD, POD_ROLE_ARN, associate, podToken, podTrust, putPodRole } from '../eks-auth/test-support.js';
import { clusterSigningKey } from '../keys/index.js';
import { ACCOUNT, StsFixture, statement } from '../sts/test-support.js';
import type { StsContext } from '../sts/types.js';
import { DecisionDraft } from './decision-draft.js';
import type { TraceLine } from './types.js';

let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

const TOKEN_OK = 'token signed by cluster c1\'s key, not expired, aud "pods.eks.amazonaws.com"';
const S0 = 'statement 0 (Allow)';
const IMPLICIT_DENY = 'decision: ImplicitDeny (no statement allows the request)';
const POD_SUBJECT = { caller: `pod default/${POD.name}`, cluster: 'c1', namespace: 'default', serviceAccount: 'app', role: POD_ROLE_ARN };

/** Runs AssumeRoleForPodIdentity with a draft listening; answers the draft and the error (if any). */
async function decide(token: string | Promise<string>, clusterName = 'c1'): Promise<{ draft: DecisionDraft; error: AwsError | undefined }> {
  const draft = new DecisionDraft('eks-auth', 'AssumeRoleForPodIdentity');
  const ctx: StsContext = { store: fx.store, deps: fx.deps, config: fx.config, audit: draft };
  const error = await assumeRoleForPodIdentity(ctx, { clusterName, token: await token }, { sourceIp: '10.0.0.1' }).then(
    () => undefined,
    (e: unknown) => e as AwsError,
  );
  return { draft, error };
}

const failed = (trace: readonly TraceLine[]) => trace.filter((line) => line.ok === false).map((line) => line.text);
const allows = (action: string, actions = '["sts:AssumeRole", "sts:TagSession"]'): TraceLine[] => [
  { ok: true, text: `${S0}: action "${action}" matches Action ${actions}` },
  { ok: true, text: `${S0}: Service ["pods.eks.amazonaws.com"] matches Principal {"Service":["pods.eks.amazonaws.com"]}` },
  { ok: true, text: `${S0}: applies` },
  { ok: true, text: `decision: Allow by ${S0}` },
];

describe('the decision trace of assumeRoleForPodIdentity', () => {
  it('records an allowed decision: the pod, its association and the trust policy for both actions, nothing failed', async () => {
    putPodRole(fx);
    const association = associate(fx);
    const { draft, error } = await decide(podToken(fx));
    expect(error).toBeUndefined();
    expect(draft.subject).toEqual(POD_SUBJECT);
    expect(draft.trace).toEqual([
      { ok: true, text: TOKEN_OK },
      { ok: true, text: `association ${association.associationId} maps default/app to ${POD_ROLE_ARN}` },
      { ok: null, text: `trust policy of ${POD_ROLE_ARN} for Service pods.eks.amazonaws.com, actions sts:AssumeRole + sts:TagSession:` },
      ...allows('sts:AssumeRole'),
      ...allows('sts:TagSession'),
    ]);
  });

  it('notes the chaining into a target role as a fact, then the target trust policy under the pod role session', async () => {
    const target = `arn:aws:iam::${ACCOUNT}:role/target`;
    const externalId = `us-east-1/${ACCOUNT}/c1/default/app`;
    putPodRole(fx);
    fx.putRole('target', statement({ AWS: POD_ROLE_ARN }, ['sts:AssumeRole', 'sts:TagSession'], { StringEquals: { 'sts:ExternalId': externalId } }));
    associate(fx, { targetRoleArn: target });
    const { draft, error } = await decide(podToken(fx));
    expect(error).toBeUndefined();
    // The subject stays the pod and its pod role: the chained call adds to this decision.
    expect(draft.subject).toEqual(POD_SUBJECT);
    expect(failed(draft.trace)).toEqual([]);
    const facts = draft.trace.filter((line) => line.ok === null).map((line) => line.text);
    expect(facts).toEqual([
      `trust policy of ${POD_ROLE_ARN} for Service pods.eks.amazonaws.com, actions sts:AssumeRole + sts:TagSession:`,
      `association chains to target role ${target} with external id ${externalId}`,
      expect.stringMatching(new RegExp(`^caller arn:aws:sts::${ACCOUNT}:assumed-role/pod-role/eks-c1-${POD.name}-[0-9a-f-]{36} with session tags \\{"eks-cluster-arn":"${CLUSTER_ARN}","eks-cluster-name":"c1",`)),
      `trust policy of ${target}, actions sts:AssumeRole + sts:TagSession:`,
    ]);
  });

  it('records an unknown cluster with nothing else known', async () => {
    const { draft, error } = await decide(podToken(fx), 'nope');
    expect(error?.code).toBe('ResourceNotFoundException');
    expect([draft.subject, draft.trace]).toEqual([{ caller: null, cluster: 'nope', namespace: null, serviceAccount: null, role: null }, []]);
  });

  describe('token checks', () => {
    async function signed(extra: Record<string, unknown>): Promise<string> {
      const { kid, key } = await clusterSigningKey(fx.store, fx.deps, fx.cluster);
      const now = Math.floor(fx.clock.now().getTime() / 1000);
      const claims = { aud: ['pods.eks.amazonaws.com'], exp: now + 3600, iat: now, nbf: now, iss: fx.issuer, sub: 'system:serviceaccount:default:app', ...extra };
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
    }

    // Lines are functions: the fixture's issuer URL is random.
    it.each<[string, () => Promise<string>, string, () => string]>([
      ['not a JWT', async () => 'garbage', 'InvalidTokenException', () => 'token malformed: token has 1 dot-separated parts, a JWS has 3'],
      ['another issuer', () => signed({ iss: 'https://oidc.example.com/id/X' }), 'InvalidTokenException', () => `token issuer: iss "https://oidc.example.com/id/X" is not ${fx.issuer}`],
      ['an audience other than pods.eks.amazonaws.com', () => podToken(fx, { audiences: ['sts.amazonaws.com'] }), 'InvalidTokenException', () => 'token audience: aud ["sts.amazonaws.com"] not in expected audience ["pods.eks.amazonaws.com"]'],
      ['an expired token', () => signed({ exp: Date.parse('2026-03-01T12:00:00Z') / 1000 }), 'ExpiredTokenException', () => 'token expired: exp 2026-03-01T12:00:00.000Z is not after now 2026-03-01T12:00:00.000Z'],
      ['a token valid only in two minutes', () => signed({ nbf: Date.parse('2026-03-01T12:02:00Z') / 1000 }), 'InvalidTokenException', () => 'token not-yet-valid: nbf 2026-03-01T12:02:00.000Z is more than 60s after now 2026-03-01T12:00:00.000Z'],
    ])('rejects %s with the reason as the only failed line', async (_name, token, code, line) => {
      putPodRole(fx);
      associate(fx);
      const { draft, error } = await decide(token());
      expect(error?.code).toBe(code);
      expect(draft.trace).toEqual([{ ok: false, text: line() }]);
    });

    it('rejects a tampered token, naming the key it failed to verify with', async () => {
      const { kid } = await clusterSigningKey(fx.store, fx.deps, fx.cluster);
      const [header, payload, signature] = (await podToken(fx)).split('.') as [string, string, string];
      const forged = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace('"app"', '"admin"')).toString('base64url');
      const { draft, error } = await decide(`${header}.${forged}.${signature}`);
      expect(error?.code).toBe('InvalidTokenException');
      expect(draft.trace).toEqual([{ ok: false, text: `token signature: signature does not verify with key "${kid}" of ${fx.issuer}` }]);
    });

    it('records who a refused token claims to be next to the cluster asked', async () => {
      const { draft } = await decide(podToken(fx, { audiences: ['sts'], namespace: 'team-a', serviceAccount: 'api' }));
      expect(draft.subject).toEqual({ caller: 'system:serviceaccount:team-a:api', cluster: 'c1', namespace: 'team-a', serviceAccount: 'api', role: null });
    });

    it('rejects a verified token without pod claims: the kubelet did not project it', async () => {
      const { draft, error } = await decide(podToken(fx, { pod: null }));
      expect(error?.code).toBe('InvalidTokenException');
      expect(draft.trace).toEqual([
        { ok: true, text: TOKEN_OK },
        { ok: false, text: 'token lacks the kubernetes.io namespace, service account or pod claims (only kubelet-projected tokens carry them)' },
      ]);
    });
  });

  describe('association, role and trust policy', () => {
    it('rejects a service account without association', async () => {
      putPodRole(fx);
      const { draft, error } = await decide(podToken(fx));
      expect(error?.code).toBe('ResourceNotFoundException');
      expect(draft.subject).toEqual({ ...POD_SUBJECT, role: null });
      expect(draft.trace).toEqual([{ ok: true, text: TOKEN_OK }, { ok: false, text: 'no pod identity association for service account default/app in cluster c1' }]);
    });

    it('rejects an association whose role was deleted', async () => {
      putPodRole(fx);
      associate(fx);
      fx.store.roles.delete(ACCOUNT, 'pod-role');
      const { draft, error } = await decide(podToken(fx));
      expect(error?.code).toBe('AccessDeniedException');
      expect(failed(draft.trace)).toEqual([`role ${POD_ROLE_ARN} does not exist`]);
    });

    it('rejects a role whose trust policy names another service', async () => {
      putPodRole(fx, statement({ Service: 'ec2.amazonaws.com' }, ['sts:AssumeRole', 'sts:TagSession']));
      associate(fx);
      const { draft } = await decide(podToken(fx));
      expect(failed(draft.trace)).toEqual([
        `${S0}: Service ["pods.eks.amazonaws.com"] does not match Principal {"Service":["ec2.amazonaws.com"]}`,
        `${S0}: does not apply`,
        IMPLICIT_DENY,
      ]);
    });

    it('rejects a role that trusts sts:AssumeRole but not sts:TagSession, after allowing the first', async () => {
      putPodRole(fx, podTrust(undefined, ['sts:AssumeRole']));
      associate(fx);
      const { draft } = await decide(podToken(fx));
      expect(draft.trace.slice(3)).toEqual([
        ...allows('sts:AssumeRole', '["sts:AssumeRole"]'),
        { ok: false, text: `${S0}: action "sts:TagSession" does not match Action ["sts:AssumeRole"]` },
        { ok: false, text: `${S0}: does not apply` },
        { ok: false, text: IMPLICIT_DENY },
      ]);
    });

    it.each([
      ['ArnEquals on aws:SourceArn', { ArnEquals: { 'aws:SourceArn': `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/prod` } }, `ArnEquals aws:SourceArn: "${CLUSTER_ARN}" matches none of ["arn:aws:eks:us-east-1:${ACCOUNT}:cluster/prod"]`],
      ['StringEquals on aws:SourceAccount', { StringEquals: { 'aws:SourceAccount': '444455556666' } }, `StringEquals aws:SourceAccount: "${ACCOUNT}" not in ["444455556666"]`],
      ['StringLike on a session tag', { StringLike: { 'aws:RequestTag/kubernetes-namespace': 'prod-*' } }, 'StringLike aws:RequestTag/kubernetes-namespace: "default" matches none of ["prod-*"]'],
      ['ForAllValues:StringEquals on aws:TagKeys', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['eks-cluster-arn', 'eks-cluster-name'] } }, 'ForAllValues:StringEquals aws:TagKeys: ["eks-cluster-arn", "eks-cluster-name", "kubernetes-namespace", "kubernetes-service-account", "kubernetes-pod-name", "kubernetes-pod-uid"] against ["eks-cluster-arn", "eks-cluster-name"] → false'],
    ])('rejects a failing %s condition, naming key, operator and values', async (_name, condition, sentence) => {
      putPodRole(fx, podTrust(condition));
      associate(fx);
      const { draft, error } = await decide(podToken(fx));
      expect(error?.code).toBe('AccessDeniedException');
      expect(failed(draft.trace)).toEqual([`${S0}: condition ${sentence}`, `${S0}: does not apply`, IMPLICIT_DENY]);
    });
  });
});
