import { STATUS_CODES } from 'node:http';
import { DecisionDraft, parseArn, roleArn } from '@eksid/core/audit-client';
import type { DecisionEventInput } from '@eksid/core/audit-client';
import { faultOf, findResponseError } from '../credentials/eks-auth-errors.js';
import type { ServedCredentials } from '../credentials/refreshing-cache.js';
import { HttpStatusError } from '../errors.js';
import { readTokenSubject } from './token-subject.js';

/** What the handler keeps of one `/v1/credentials` answer: only references, no work. */
export type CredentialsOutcome = { token: string; client: string } & (
  | { served: ServedCredentials }
  | { refused: { status: number; body: string; error: unknown } }
);

export interface AgentDecisionContext {
  clusterName: string;
  /** The EKS Auth endpoint, named in the trace when it failed or answered. */
  endpoint: string;
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/** `arn:aws:sts::A:assumed-role/NAME/SESSION` → `arn:aws:iam::A:role/NAME` (STS drops the role's path). */
function roleOfSession(sessionArn: string): string | undefined {
  const arn = parseArn(sessionArn);
  const name = arn?.resource.split('/')[1];
  if (arn === undefined || !arn.resource.startsWith('assumed-role/') || !name) return undefined;
  return roleArn(arn.partition, arn.account, '/', name);
}

function noteToken(draft: DecisionDraft, context: AgentDecisionContext, token: string): void {
  const subject = readTokenSubject(token);
  draft.about({
    caller: subject?.pod !== undefined && subject.namespace !== undefined ? `pod ${subject.namespace}/${subject.pod}` : subject?.sub,
    cluster: context.clusterName,
    namespace: subject?.namespace,
    serviceAccount: subject?.serviceAccount,
  });
}

function noteServed(draft: DecisionDraft, context: AgentDecisionContext, { creds, from, cachedUntil }: ServedCredentials): void {
  const role = roleOfSession(creds.roleArn);
  draft.about({ role }).passed('token is a JWT within its exp and nbf (the agent checks nothing more; EKS Auth verified it when it issued these credentials)');
  const caching = cachedUntil === undefined ? 'not cached (the cache is off)' : `cached until ${iso(cachedUntil)}`;
  const association = creds.associationId === '' ? '' : ` for association ${creds.associationId}`;
  if (from === 'cache') draft.passed(`served from the agent's cache: session ${creds.roleArn}, ${caching}`);
  else if (from === 'eks-auth') draft.passed(`fetched from EKS Auth at ${context.endpoint}${association}: session ${creds.roleArn}, ${caching}`);
  else draft.passed(`fetched from EKS Auth at ${context.endpoint}${association} by a concurrent request with the same token: session ${creds.roleArn}, ${caching}`);
  draft.fact(`answered 200 with access key ${creds.accessKeyId} expiring ${iso(creds.expiration)}`);
  Object.assign(draft.detail, { from, accessKeyId: creds.accessKeyId, expiration: iso(creds.expiration) });
  if (creds.associationId !== '') draft.detail['associationId'] = creds.associationId;
}

/** The step that refused the request, in words, and the code recorded for it. */
function refusal(context: AgentDecisionContext, status: number, error: unknown): { text: string; code: string } {
  const statusText = STATUS_CODES[status] ?? `HTTP ${status}`;
  if (error === undefined && status === 429) return { text: 'over the agent\'s rate limit for /v1/credentials', code: statusText };
  if (error instanceof HttpStatusError) {
    const text = error.message === 'Service account token cannot be empty'
      ? 'no Authorization header: the pod sent no service account token'
      : `the agent refused the request before calling EKS Auth: ${error.message}`;
    return { text, code: statusText };
  }
  const response = findResponseError(error);
  const api = response?.apiError;
  if (api !== undefined) {
    return { text: `EKS Auth at ${context.endpoint} answered ${api.code} (HTTP ${response?.status}, request ${response?.requestId || 'without id'}): ${api.message}`, code: api.code };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (response !== undefined && response.status === 0) return { text: `EKS Auth at ${context.endpoint} did not answer: ${message}`, code: statusText };
  if (response !== undefined) return { text: `EKS Auth at ${context.endpoint} answered HTTP ${response.status} without a readable error: ${message}`, code: statusText };
  return { text: message, code: statusText };
}

/**
 * Whether the answer is a refusal EKS Auth made: one of the errors its API models (an
 * AccessDeniedException for a role that does not trust pods.eks.amazonaws.com, an expired token,
 * no association…), which the agent only relays to the pod. The eksid server it reports to is
 * that EKS Auth and has recorded the decision, trace and all; a record of the relay would show
 * the same refusal twice (and the aws CLI's container provider asks three times, so six rows).
 * The agent's own refusals (no token, the wrong Host, its rate limit, EKS Auth unreachable or
 * answering something else) and everything it serves remain its decisions.
 */
export function refusedByEksAuth(outcome: CredentialsOutcome): boolean {
  if (!('refused' in outcome)) return false;
  const code = findResponseError(outcome.refused.error)?.apiError?.code;
  return code !== undefined && faultOf(code) !== 'unknown';
}

/**
 * The audit record of one `/v1/credentials` answer (action GetCredentials). Built off the
 * request path, when the reporter sends its batch: the handler only keeps the outcome.
 */
export function credentialsDecision(context: AgentDecisionContext, outcome: CredentialsOutcome, time: Date): DecisionEventInput {
  const draft = new DecisionDraft('agent', 'GetCredentials');
  noteToken(draft, context, outcome.token);
  draft.detail['client'] = outcome.client;
  if ('served' in outcome) {
    noteServed(draft, context, outcome.served);
    return draft.finish(time);
  }
  const { status, body, error } = outcome.refused;
  const { text, code } = refusal(context, status, error);
  if (!(error instanceof HttpStatusError) && status !== 429) draft.passed('token is a JWT within its exp and nbf (the agent checks nothing more)');
  draft.failed(text);
  draft.detail['status'] = status;
  const finished = draft.finish(time);
  return { ...finished, outcome: 'denied', errorCode: code, errorMessage: body, trace: [...finished.trace, { ok: false, text: `answered ${status}: ${body}` }] };
}
