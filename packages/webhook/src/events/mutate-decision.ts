import { STATUS_CODES } from 'node:http';
import { DecisionDraft } from '@eksid/core/audit-client';
import type { DecisionEventInput } from '@eksid/core/audit-client';
import { POD_IDENTITY_LABEL } from '../mutate/constants.js';
import type { MutationSettings, Pod, PodMutation } from '../mutate/index.js';
import { skippedContainers } from '../mutate/mutate-pod.js';
import { annotationKeys, readServiceAccountSettings } from '../mutate/service-account.js';
import { patchSummary } from './patch-summary.js';
import type { PodAdmission } from './pod-admission.js';

export type MutateOutcome =
  /** A pod creation, answered with or without a patch. */
  | PodAdmission
  /** A review that carries no pod to mutate (another kind, DELETE, CONNECT). */
  | { passedThrough: { uid: string } }
  /** `reason` is the metrics label of the failure: bad_request, content_type, method, too_large, internal. */
  | { refused: { status: number; message: string; reason: string } };

export interface WebhookDecisionContext {
  cluster: string;
  settings: MutationSettings;
}

const REFUSAL_STEPS: Readonly<Record<string, string>> = {
  bad_request: 'the request body is not an AdmissionReview the webhook can use',
  content_type: 'the request\'s Content-Type is not application/json',
  method: 'the request is not a POST',
  too_large: 'the request body is over the webhook\'s size limit',
};

function podName(pod: Pod): string {
  const { name, generateName } = pod.metadata ?? {};
  return name || (typeof generateName === 'string' && generateName !== '' ? generateName : '(unnamed)');
}

function describeAssociation(admission: PodAdmission): string {
  const { association, namespace, serviceAccount } = admission;
  if (association === 'unnamed' || association === undefined) return `an association for ${namespace}/${serviceAccount} (its id and role are not known to the webhook's source)`;
  return `association ${association.associationId} of ${namespace}/${serviceAccount}${association.roleArn === undefined ? '' : ` (role ${association.roleArn})`}`;
}

function noteMutation(draft: DecisionDraft, context: WebhookDecisionContext, admission: PodAdmission, mutation: PodMutation): void {
  const { settings } = context;
  const irsaRole = readServiceAccountSettings(admission.serviceAccountAnnotations, settings).roleArn;
  const roleAnnotation = annotationKeys(settings.annotationPrefix).roleArn;
  const { credentials } = mutation;
  if (credentials.mode === 'pod-identity') {
    draft.about({ role: admission.association === 'unnamed' ? undefined : admission.association?.roleArn }).passed(`Pod Identity: ${describeAssociation(admission)}`);
    if (irsaRole !== '') draft.passed(`Pod Identity association wins over IRSA role ${irsaRole} of annotation ${roleAnnotation}`);
  } else {
    draft.about({ role: irsaRole }).passed(`IRSA: role ${irsaRole} from annotation ${roleAnnotation} of service account ${admission.namespace}/${admission.serviceAccount}`);
  }
  const { containers, envNames, opCount } = patchSummary(admission.pod, mutation.patch);
  const token = `token volume ${credentials.token.volumeName} at ${credentials.token.file} (audience ${credentials.token.audience || 'the API server default'}, ${credentials.token.expirationSeconds} s)`;
  const label = credentials.mode === 'pod-identity' ? ` and label ${POD_IDENTITY_LABEL}=enabled` : '';
  if (containers.length > 0) draft.passed(`injected ${envNames.join(', ')} into containers [${containers.join(', ')}], with ${token}${label}`);
  else draft.fact(`nothing injected into containers: each already sets the variables or is skipped; ${token}${label}`);
  const skipped = [...skippedContainers(admission.pod, settings)];
  if (skipped.length > 0) draft.fact(`containers [${skipped.join(', ')}] skipped by annotation ${annotationKeys(settings.annotationPrefix).skipContainers}`);
  draft.fact(`pod admitted with a JSON patch of ${opCount} operation${opCount === 1 ? '' : 's'}`);
  Object.assign(draft.detail, { mode: credentials.mode, containers, patchOperations: opCount });
}

function noteUnchanged(draft: DecisionDraft, context: WebhookDecisionContext, admission: PodAdmission): void {
  const who = `service account ${admission.namespace}/${admission.serviceAccount}`;
  const why = admission.serviceAccountAnnotations === undefined
    ? `${who} is not known to the webhook (not found, or no Kubernetes API configured) and has no pod identity association`
    : `${who} has no ${annotationKeys(context.settings.annotationPrefix).roleArn} annotation and no pod identity association`;
  draft.fact(`${why}: pod admitted unchanged`);
  draft.detail['mode'] = 'none';
}

/**
 * The audit record of one answer on /mutate (action Mutate). Built off the request path, when
 * the reporter sends its batch: the handler only keeps the outcome (see PodAdmission).
 */
export function mutateDecision(context: WebhookDecisionContext, outcome: MutateOutcome, time: Date): DecisionEventInput {
  const draft = new DecisionDraft('webhook', 'Mutate').about({ cluster: context.cluster });
  if ('refused' in outcome) {
    const { status, message, reason } = outcome.refused;
    const finished = draft.failed(REFUSAL_STEPS[reason] ?? 'the webhook failed while answering').finish(time);
    return {
      ...finished,
      outcome: 'denied',
      errorCode: STATUS_CODES[status] ?? `HTTP ${status}`,
      errorMessage: message,
      detail: { status },
      trace: [...finished.trace, { ok: false, text: `answered ${status}: ${message}` }],
    };
  }
  if ('passedThrough' in outcome) {
    draft.detail['uid'] = outcome.passedThrough.uid;
    return draft.fact('the review is not a pod creation (another kind, DELETE or CONNECT): admitted unchanged').finish(time);
  }
  draft.about({ caller: `pod ${outcome.namespace}/${podName(outcome.pod)}`, namespace: outcome.namespace, serviceAccount: outcome.serviceAccount });
  draft.detail['uid'] = outcome.uid;
  const mutation = outcome.mutation(context.settings);
  if (mutation === undefined) noteUnchanged(draft, context, outcome);
  else noteMutation(draft, context, outcome, mutation);
  return draft.finish(time);
}
