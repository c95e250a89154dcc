import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DecisionDraft } from '../../audit/decision-draft.js';
import { assumeRoleForPodIdentity } from '../../eks-auth/assume-role-for-pod-identity.js';
import { associate, podToken, podTrust, putPodRole } from '../../eks-auth/test-support.js';
import { ACCOUNT, StsFixture, statement } from '../../sts/test-support.js';
import { explainDecision } from '../explain.js';
import { storeFacts } from './facts.js';
import { decisionHints } from './hints.js';

// Real decisions (explainDecision, and EKS Auth with a draft) read back by decisionHints: the
// hints parse the trace's own words, so a change of wording in sts/ or eks-auth/ fails here.
let fx: StsFixture;
beforeEach(async () => {
  fx = await StsFixture.create();
});
afterEach(() => fx.close());

const irsa = (condition: object, principal: object = { Federated: fx.provider.arn }) => statement(principal, 'sts:AssumeRoleWithWebIdentity', condition);

async function explainHints(request: Parameters<typeof explainDecision>[1]): Promise<string[]> {
  const out = await explainDecision(fx, request);
  expect(out.outcome).toBe('denied');
  return out.hints;
}

async function podIdentityHints(clusterName: string, token: string): Promise<string[]> {
  const draft = new DecisionDraft('eks-auth', 'AssumeRoleForPodIdentity');
  let error: unknown;
  await assumeRoleForPodIdentity({ ...fx, audit: draft, dryRun: true }, { clusterName, token }).catch((e: unknown) => (error = e));
  expect(error).toBeDefined();
  return decisionHints(draft.finish(fx.clock.now(), error), storeFacts(fx.store, fx.config));
}

describe('decisionHints', () => {
  it('gives an allowed decision none', async () => {
    fx.putRole('app', fx.irsaTrust());
    expect((await explainDecision(fx, { role: 'app', cluster: 'c1', namespace: 'default', serviceAccount: 'app' })).hints).toEqual([]);
  });

  it('(a) says a wildcard under StringEquals needs StringLike', async () => {
    fx.putRole('app', irsa({ StringEquals: { [`${fx.hostPath}:sub`]: 'system:serviceaccount:default:*' } }));
    expect(await explainHints({ role: 'app', cluster: 'c1', namespace: 'default', serviceAccount: 'app' })).toEqual([
      'StringEquals compares literally; "system:serviceaccount:default:*" needs StringLike',
    ]);
  });

  it('(b) names an unexpanded shell variable in a condition key, and what to write instead', async () => {
    fx.putRole('app', irsa({ StringEquals: { '$HP:sub': 'system:serviceaccount:default:app' } }));
    expect(await explainHints({ role: 'app', cluster: 'c1', namespace: 'default', serviceAccount: 'app' })).toEqual([
      `the condition key "$HP:sub" holds the shell variable $HP, never expanded (a quoted heredoc or single quotes); write "${fx.hostPath}:sub"`,
    ]);
  });

  it('(b) names an unexpanded shell variable in the Federated principal, with the provider ARN to write', async () => {
    fx.putRole('app', irsa({}, { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/\${OIDC_PROVIDER}` }));
    expect(await explainHints({ role: 'app', cluster: 'c1', namespace: 'default', serviceAccount: 'app' })).toEqual([
      `the Federated principal "arn:aws:iam::${ACCOUNT}:oidc-provider/\${OIDC_PROVIDER}" holds the shell variable \${OIDC_PROVIDER}, never expanded (a quoted heredoc or single quotes); write "${fx.provider.arn}"`,
    ]);
  });

  it('(b) notices a shell variable that expanded to nothing', async () => {
    fx.putRole('app', irsa({ StringEquals: { ':sub': 'system:serviceaccount:default:app' } }));
    expect(await explainHints({ role: 'app', cluster: 'c1', namespace: 'default', serviceAccount: 'app' })).toEqual([
      `the condition key ":sub" lacks the issuer, as if a shell variable was empty when the policy was written; write "${fx.hostPath}:sub"`,
    ]);
  });

  it('(c) says a Pod Identity role needs sts:TagSession as well as sts:AssumeRole', async () => {
    putPodRole(fx, podTrust(undefined, ['sts:AssumeRole']));
    associate(fx);
    expect(await explainHints({ cluster: 'c1', namespace: 'default', serviceAccount: 'app' })).toEqual([
      'role/pod-role lets pods.eks.amazonaws.com sts:AssumeRole but not sts:TagSession, which EKS Pod Identity also needs: "Action": ["sts:AssumeRole", "sts:TagSession"]',
    ]);
  });

  it('(c) says a Pod Identity role must trust pods.eks.amazonaws.com', async () => {
    putPodRole(fx, fx.irsaTrust());
    associate(fx);
    expect(await explainHints({ cluster: 'c1', namespace: 'default', serviceAccount: 'app' })).toEqual([
      'role/pod-role does not trust pods.eks.amazonaws.com: a Pod Identity role needs "Principal": {"Service": "pods.eks.amazonaws.com"} and "Action": ["sts:AssumeRole", "sts:TagSession"]',
    ]);
  });

  it('(d) says how to add a token audience to the provider\'s client ids', async () => {
    fx.putRole('app', fx.irsaTrust());
    expect(await explainHints({ role: 'app', token: await fx.mint({ audiences: ['sts'] }) })).toEqual([
      `add "sts" to the client ids of ${fx.provider.arn} (aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${fx.provider.arn} --client-id sts), or request the token for "sts.amazonaws.com"`,
    ]);
  });

  it('(d) says EKS Auth takes only tokens for pods.eks.amazonaws.com', async () => {
    putPodRole(fx);
    associate(fx);
    expect(await podIdentityHints('c1', await podToken(fx, { audiences: ['sts.amazonaws.com'] }))).toEqual([
      'EKS Auth takes only tokens for "pods.eks.amazonaws.com": project the service account token with that audience (eksid token --audience pods.eks.amazonaws.com)',
    ]);
  });

  it('(e) says EKS Auth was asked about a cluster that does not exist, naming those that do', async () => {
    expect(await podIdentityHints('nope', await podToken(fx))).toEqual([
      `there is no cluster "nope" in account ${ACCOUNT} (it has c1): check the node agent's --cluster, or create the cluster (eksid apply, aws eks create-cluster --name nope)`,
    ]);
  });

  it('(e) says a token comes from a cluster that is gone', async () => {
    fx.putRole('app', fx.irsaTrust());
    const token = await fx.mint();
    fx.store.clusters.delete(ACCOUNT, 'c1');
    fx.store.oidcProviders.delete(fx.provider.arn);
    expect(await explainHints({ role: 'app', token })).toEqual([
      `no cluster has the issuer ${fx.hostPath}: the token's cluster was deleted or recreated (a new cluster gets a new issuer) or another eksid minted it; mint a new token`,
    ]);
  });

  it('says to register a cluster\'s issuer that is no OIDC provider', async () => {
    fx.putRole('app', fx.irsaTrust());
    fx.store.oidcProviders.delete(fx.provider.arn);
    expect(await explainHints({ role: 'app', cluster: 'c1', namespace: 'default', serviceAccount: 'app' })).toEqual([
      `cluster c1's issuer is not an IAM OIDC provider: register it (oidcProviders: - cluster: c1 in an eksid apply file, or aws iam create-open-id-connect-provider --url ${fx.issuer} --client-id-list sts.amazonaws.com)`,
    ]);
  });
});

describe('explainDecision', () => {
  it('names the clusters there are when asked about one that does not exist', async () => {
    await expect(explainDecision(fx, { cluster: 'typo', namespace: 'default', serviceAccount: 'app' })).rejects.toThrow('No cluster found for name: typo. Clusters: c1.');
  });
});
