import { DecisionDraft } from '../audit/decision-draft.js';
import type { DecisionEventInput } from '../audit/types.js';
import { ClusterNotFoundError, InvalidParameterError } from '../eks/errors.js';
import { assumeRoleForPodIdentity, POD_IDENTITY_AUDIENCE } from '../eks-auth/assume-role-for-pod-identity.js';
import { roleArn as buildRoleArn } from '../ids/index.js';
import { mintServiceAccountToken, ownClusterName } from '../jwt/index.js';
import { unverifiedClaims } from '../audit/unverified-claims.js';
import { assumeRoleWithWebIdentity } from '../sts/assume-role-with-web-identity.js';
import type { StsContext } from '../sts/types.js';
import { decisionHints, storeFacts } from './hints/index.js';

/** The IRSA annotations EKS reads on a service account (amazon-eks-pod-identity-webhook README). */
export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
const AUDIENCE_ANNOTATION = 'eks.amazonaws.com/audience';
const IRSA_AUDIENCE = 'sts.amazonaws.com';
const SESSION_NAME = 'eksid-explain';
/** The pod a minted Pod Identity token names: explain has no real pod, and EKS Auth needs one. */
const EXPLAIN_POD = { name: 'eksid-explain', uid: '00000000-0000-4000-8000-000000000000' };

export interface ExplainRequest {
  /** A role name or ARN; required with a token for IRSA, optional for a service account. */
  role?: string;
  /** A token to judge as is (IRSA unless its aud is pods.eks.amazonaws.com). */
  token?: string;
  cluster?: string;
  namespace?: string;
  serviceAccount?: string;
}

/**
 * A decision that was made but not recorded, and whose credentials were never stored, with
 * what to change when it was denied (hints/hints.ts).
 */
export type Explanation = DecisionEventInput & { hints: string[] };

function roleArnOf(ctx: StsContext, role: string): string {
  if (role.startsWith('arn:')) return role;
  return ctx.store.roles.get(ctx.config.accountId, role)?.arn ?? buildRoleArn(ctx.config.partition, ctx.config.accountId, '/', role);
}

type Plan =
  | { kind: 'irsa'; roleArn: string; token: string; note: string }
  | { kind: 'pod-identity'; cluster: string; token: string; note: string };

/**
 * What a pod would do, the way EKS decides it: a Pod Identity association wins over the
 * role-arn annotation (the webhook's rule, packages/webhook identities); `role` forces IRSA.
 */
async function planFor(ctx: StsContext, request: ExplainRequest): Promise<Plan> {
  const { token, cluster, namespace, serviceAccount, role } = request;
  if (token !== undefined) {
    const claims = unverifiedClaims(token);
    if (claims.audiences.includes(POD_IDENTITY_AUDIENCE)) {
      const target = cluster ?? (claims.iss === undefined ? undefined : ownClusterName(ctx.store, ctx.config, claims.iss));
      if (!target) throw new InvalidParameterError('A Pod Identity token (aud pods.eks.amazonaws.com) needs the cluster it is for.');
      return { kind: 'pod-identity', cluster: target, token, note: 'the token is for pods.eks.amazonaws.com: judged as EKS Auth AssumeRoleForPodIdentity' };
    }
    if (!role) throw new InvalidParameterError('Judging a web identity token needs the role it would assume.');
    return { kind: 'irsa', roleArn: roleArnOf(ctx, role), token, note: 'judged as STS AssumeRoleWithWebIdentity' };
  }
  if (!cluster || !namespace || !serviceAccount) throw new InvalidParameterError('Give a token, or a cluster, namespace and service account.');
  if (!ctx.store.clusters.get(ctx.config.accountId, cluster)) throw unknownCluster(ctx, cluster);
  const mint = (audiences: string[], pod?: { name: string; uid: string }) =>
    mintServiceAccountToken(ctx.store, ctx.deps, ctx.config, { clusterName: cluster, namespace, serviceAccount, audiences, expirationSeconds: 3600, ...(pod ? { pod } : {}) });
  const sa = ctx.store.serviceAccounts.get(cluster, namespace, serviceAccount);
  const annotations = sa?.annotations ?? {};
  const audience = annotations[AUDIENCE_ANNOTATION] ?? IRSA_AUDIENCE;
  if (role) return { kind: 'irsa', roleArn: roleArnOf(ctx, role), token: await mint([audience]), note: `IRSA with a token for ${namespace}/${serviceAccount} (aud ${audience})` };
  if (ctx.store.podIdentityAssociations.forServiceAccount(ctx.config.accountId, cluster, namespace, serviceAccount)) {
    return { kind: 'pod-identity', cluster, token: await mint([POD_IDENTITY_AUDIENCE], EXPLAIN_POD), note: `${namespace}/${serviceAccount} has a Pod Identity association: judged as EKS Auth AssumeRoleForPodIdentity` };
  }
  const annotated = annotations[ROLE_ARN_ANNOTATION];
  if (annotated) return { kind: 'irsa', roleArn: annotated, token: await mint([audience]), note: `${namespace}/${serviceAccount} has ${ROLE_ARN_ANNOTATION}: judged as STS AssumeRoleWithWebIdentity` };
  throw new InvalidParameterError(`${namespace}/${serviceAccount} in cluster ${cluster} has no Pod Identity association and no ${ROLE_ARN_ANNOTATION} annotation; give a role.`);
}

/** Which clusters there are, since the name given is none of them (a typo, or another account's). */
function unknownCluster(ctx: StsContext, name: string): ClusterNotFoundError {
  const known = ctx.store.clusters.list(ctx.config.accountId).map((c) => c.name);
  const error = new ClusterNotFoundError(name);
  error.message += known.length === 0 ? ' This eksid has no clusters yet.' : ` Clusters: ${known.join(', ')}.`;
  return error;
}

/**
 * `eksid explain`: runs the very action a client would call, with a draft to collect the
 * trace and `dryRun` so no credentials are stored, and answers what was decided and why.
 */
export async function explainDecision(ctx: StsContext, request: ExplainRequest): Promise<Explanation> {
  const plan = await planFor(ctx, request);
  const draft = new DecisionDraft(plan.kind === 'irsa' ? 'sts' : 'eks-auth', plan.kind === 'irsa' ? 'AssumeRoleWithWebIdentity' : 'AssumeRoleForPodIdentity');
  draft.fact(plan.note);
  draft.detail['dryRun'] = true;
  const scoped: StsContext = { ...ctx, audit: draft, dryRun: true };
  let decision: DecisionEventInput;
  try {
    if (plan.kind === 'irsa') {
      await assumeRoleWithWebIdentity(scoped, { RoleArn: plan.roleArn, RoleSessionName: SESSION_NAME, WebIdentityToken: plan.token }, { sourceIp: '127.0.0.1' });
    } else {
      await assumeRoleForPodIdentity(scoped, { clusterName: plan.cluster, token: plan.token }, { sourceIp: '127.0.0.1' });
    }
    decision = draft.finish(ctx.deps.clock.now());
  } catch (e) {
    decision = draft.finish(ctx.deps.clock.now(), e);
  }
  return { ...decision, hints: decisionHints(decision, storeFacts(ctx.store, ctx.config)) };
}
