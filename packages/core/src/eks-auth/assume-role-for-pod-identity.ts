import { decodeJwt } from 'jose';
import { unverifiedSubject } from '../audit/decision-draft.js';
import { ClusterTokenError, verifyClusterToken } from '../jwt/index.js';
import { authorizeAssumeRole } from '../sts/authorize-assume-role.js';
import { assumeRole } from '../sts/assume-role.js';
import { issueRoleSession } from '../sts/issue-session.js';
import { conditionContext, environmentContext, requestTagContext, resourceTagContext } from '../sts/request-context.js';
import type { PodIdentityAssociationRecord, SessionRecord } from '../store/index.js';
import type { AssumeRoleResult, StsContext } from '../sts/types.js';
import type { Principal } from '../policy/index.js';
import { requireCluster } from '../eks/describe-cluster.js';
import { ResourceNotFoundError } from '../eks/errors.js';
import { AccessDeniedError, ExpiredTokenError } from '../sts/errors.js';
import { EksAuthAccessDeniedError, InvalidTokenError } from './errors.js';
import { podIdentitySessionName, podIdentitySessionTags } from './session-tags.js';
import type { PodIdentity } from './session-tags.js';

/** The audience EKS projects Pod Identity tokens for (EKS user guide pod-id-how-it-works.adoc). */
export const POD_IDENTITY_AUDIENCE = 'pods.eks.amazonaws.com';
export const POD_IDENTITY_SERVICE = 'pods.eks.amazonaws.com';

/**
 * How long Pod Identity credentials live. AWS does not document it; the agent renews after 3 h
 * at most, so they must outlive that (docs/pod-identity-behaviour.md §1). Configurable by the
 * server.
 */
export const DEFAULT_POD_IDENTITY_SESSION_SECONDS = 6 * 3600;

// Shared by every request: the trust check only reads them.
const PLAIN_ACTIONS = ['sts:AssumeRole'] as const;
const TAGGING_ACTIONS = ['sts:AssumeRole', 'sts:TagSession'] as const;
const QUOTED_AUDIENCE = JSON.stringify(POD_IDENTITY_AUDIENCE);
const POD_IDENTITY_PRINCIPAL: Principal = Object.freeze({ type: 'Service', identifiers: Object.freeze([POD_IDENTITY_SERVICE]) });

export interface AssumeRoleForPodIdentityInput {
  clusterName: string;
  token: string;
}

export interface AssumeRoleForPodIdentityOutput {
  subject: { namespace: string; serviceAccount: string };
  audience: string;
  podIdentityAssociation: { associationArn: string; associationId: string };
  assumedRoleUser: { arn: string; assumeRoleId: string };
  credentials: { sessionToken: string; secretAccessKey: string; accessKeyId: string; expiration: Date };
}

export interface PodIdentityOptions {
  sessionSeconds?: number;
  sourceIp?: string;
}

/**
 * EKS Auth AssumeRoleForPodIdentity: the cluster's own token (aud pods.eks.amazonaws.com) →
 * the pod's association → the role's trust policy, evaluated for the pods.eks.amazonaws.com
 * service principal with sts:AssumeRole and sts:TagSession → credentials carrying the six
 * session tags, chained to targetRoleArn with externalId when the association has one.
 */
export async function assumeRoleForPodIdentity(ctx: StsContext, input: AssumeRoleForPodIdentityInput, options: PodIdentityOptions = {}): Promise<AssumeRoleForPodIdentityOutput> {
  const { store, config } = ctx;
  const { audit } = ctx;
  audit?.about({ cluster: input.clusterName });
  const cluster = requireCluster(ctx, input.clusterName);
  const pod = await verifiedPod(ctx, input);
  audit?.about({ caller: `pod ${pod.namespace}/${pod.podName}`, namespace: pod.namespace, serviceAccount: pod.serviceAccount });
  const association = store.podIdentityAssociations.forServiceAccount(config.accountId, cluster.name, pod.namespace, pod.serviceAccount);
  // Inferred: AWS answers a service account without association with ResourceNotFound.
  if (!association) {
    audit?.failed(`no pod identity association for service account ${pod.namespace}/${pod.serviceAccount} in cluster ${cluster.name}`);
    throw new ResourceNotFoundError(`No Pod Identity Association found for service account ${pod.serviceAccount} in namespace ${pod.namespace} of cluster ${cluster.name}.`);
  }
  audit?.about({ role: association.roleArn }).passed(`association ${association.associationId} maps ${pod.namespace}/${pod.serviceAccount} to ${association.roleArn}`);

  const role = store.roles.byArn(association.roleArn);
  if (!role) {
    audit?.failed(`role ${association.roleArn} does not exist`);
    throw trustDenied(association);
  }
  const tags = podIdentitySessionTags(cluster, pod, association);
  const tagKeys = Object.keys(tags);
  const trust = authorizeAssumeRole({
    role,
    actions: tagKeys.length > 0 ? TAGGING_ACTIONS : PLAIN_ACTIONS,
    principal: POD_IDENTITY_PRINCIPAL,
    context: conditionContext(environmentContext(ctx, options.sourceIp ?? ''), resourceTagContext(role), requestTagContext(tags, tagKeys), {
      // The confused-deputy keys the seeds' trust policy checks (pod-id-role.adoc).
      'aws:SourceAccount': cluster.accountId,
      'aws:SourceArn': cluster.arn,
    }),
  });
  audit?.policy(`trust policy of ${role.arn} for Service ${POD_IDENTITY_SERVICE}, actions ${tagKeys.length > 0 ? 'sts:AssumeRole + sts:TagSession' : 'sts:AssumeRole'}:`, trust);
  if (trust.effect !== 'Allow') throw trustDenied(association);

  const sessionName = podIdentitySessionName(cluster.name, pod.podName, ctx.deps.random.uuid());
  const issued = issueRoleSession(ctx, {
    role,
    sessionName,
    durationSeconds: options.sessionSeconds ?? DEFAULT_POD_IDENTITY_SESSION_SECONDS,
    // Like AssumeRole, a session without tags records none (disableSessionTags). The
    // association's policy narrows the session it hands to the pod: this one, or the target
    // role's when there is one (eks service-2.json, CreatePodIdentityAssociation policy).
    context: {
      ...(tagKeys.length > 0 ? { principalTags: tags, transitiveTagKeys: tagKeys } : {}),
      ...(association.policy !== null && !association.targetRoleArn ? { sessionPolicy: association.policy } : {}),
    },
  });
  let assumedRoleUser = { arn: issued.assumedRoleUser.Arn, assumeRoleId: issued.assumedRoleUser.AssumedRoleId };
  let credentials = issued.credentials;
  if (association.targetRoleArn) {
    audit?.fact(`association chains to target role ${association.targetRoleArn}${association.externalId ? ` with external id ${association.externalId}` : ''}`);
    // EKS chains into the target role with the association's externalId (eks service-2.json, targetRoleArn).
    const chained = chainToTarget(ctx, issued.session, association, sessionName, options.sourceIp ?? '');
    assumedRoleUser = { arn: chained.AssumedRoleUser.Arn, assumeRoleId: chained.AssumedRoleUser.AssumedRoleId };
    credentials = chained.Credentials;
  }
  return {
    subject: { namespace: pod.namespace, serviceAccount: pod.serviceAccount },
    audience: POD_IDENTITY_AUDIENCE,
    podIdentityAssociation: { associationArn: association.associationArn, associationId: association.associationId },
    assumedRoleUser,
    credentials: {
      sessionToken: credentials.SessionToken,
      secretAccessKey: credentials.SecretAccessKey,
      accessKeyId: credentials.AccessKeyId,
      expiration: credentials.Expiration,
    },
  };
}

/** Built only when thrown: an error captures a stack trace, which every request would otherwise pay for. */
function trustDenied(association: PodIdentityAssociationRecord): EksAuthAccessDeniedError {
  return new EksAuthAccessDeniedError(`Failed to assume role ${association.roleArn} for the pod identity association ${association.associationId}: the role's trust policy does not allow ${POD_IDENTITY_SERVICE} to assume it.`);
}

/**
 * The second hop: the pod role's session assumes the target role with the association's
 * externalId (its transitive tags ride along, so the target must trust sts:TagSession too).
 * STS's own AccessDenied (403) is EKS Auth's AccessDeniedException (400) on this API.
 */
function chainToTarget(ctx: StsContext, session: SessionRecord, association: PodIdentityAssociationRecord, sessionName: string, sourceIp: string): AssumeRoleResult {
  const { targetRoleArn, externalId, policy } = association;
  if (!targetRoleArn) throw new TypeError('chainToTarget needs an association with a target role');
  try {
    return assumeRole(
      ctx,
      { caller: { kind: 'session', accessKeyId: session.accessKeyId, session }, sourceIp },
      { RoleArn: targetRoleArn, RoleSessionName: sessionName, ...(externalId ? { ExternalId: externalId } : {}), ...(policy === null ? {} : { Policy: policy }) },
    );
  } catch (e) {
    if (e instanceof AccessDeniedError) throw new EksAuthAccessDeniedError(`Failed to assume the target role ${targetRoleArn}: ${e.message}`);
    throw e;
  }
}

async function verifiedPod(ctx: StsContext, input: AssumeRoleForPodIdentityInput): Promise<PodIdentity> {
  let claims;
  try {
    claims = await verifyClusterToken(ctx.store, ctx.deps, ctx.config, input.clusterName, input.token, { audience: POD_IDENTITY_AUDIENCE });
  } catch (e) {
    if (!(e instanceof ClusterTokenError)) throw e;
    ctx.audit?.about(unverifiedSubject(input.token)).failed(`token ${e.reason}: ${e.detail}`);
    if (e.reason === 'expired') throw expired(ctx, input.token);
    throw new InvalidTokenError('The token included in the request is invalid.');
  }
  ctx.audit?.passed(`token signed by cluster ${input.clusterName}'s key, not expired, aud ${QUOTED_AUDIENCE}`);
  const k8s = claims['kubernetes.io'] as { namespace?: unknown; serviceaccount?: { name?: unknown; uid?: unknown }; pod?: { name?: unknown; uid?: unknown } } | undefined;
  const pod: Partial<PodIdentity> = {
    namespace: str(k8s?.namespace),
    serviceAccount: str(k8s?.serviceaccount?.name),
    serviceAccountUid: str(k8s?.serviceaccount?.uid),
    podName: str(k8s?.pod?.name),
    podUid: str(k8s?.pod?.uid),
  };
  // EKS Auth needs the pod claims too: only kubelet-projected tokens carry them (A-ce claims_validation.go).
  if (!pod.namespace || !pod.serviceAccount || !pod.serviceAccountUid || !pod.podName || !pod.podUid) {
    ctx.audit?.failed('token lacks the kubernetes.io namespace, service account or pod claims (only kubelet-projected tokens carry them)');
    throw new InvalidTokenError('The token included in the request is invalid: it lacks the kubernetes.io namespace, service account or pod claims.');
  }
  return pod as PodIdentity;
}

/** Wording from agent issue #89: "…expired: current date/time X must be before the expiration date/time Y." */
function expired(ctx: StsContext, token: string): ExpiredTokenError {
  const exp = Number(decodeJwt(token).exp);
  const fmt = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return new ExpiredTokenError(
    `The token included in the request is expired: current date/time ${fmt(ctx.deps.clock.now())} must be before the expiration date/time ${fmt(new Date(exp * 1000))}.`,
  );
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
