// The webhook's decision for one pod: which credentials it gets and the patch that gives them.
import { resolvePodCredentials } from './credentials.js';
import type { PodCredentials } from './credentials.js';
import { parseGoCsvRecord } from './go-compat.js';
import { buildPodPatch } from './patch.js';
import { annotationKeys } from './service-account.js';
import type { Annotations } from './service-account.js';
import type { JsonPatchOp, MutationSettings, Pod, RandomInt } from './types.js';

export interface PodMutationRequest {
  pod: Pod;
  serviceAccountAnnotations: Annotations | undefined;
  podIdentityAssociation: boolean;
  settings: MutationSettings;
  randomInt: RandomInt;
}

export interface PodMutation {
  credentials: PodCredentials;
  patch: JsonPatchOp[];
}

// Both the GA and the deprecated beta node label count (fixtures irsa/windows-node,
// irsa/windows-beta-node-label).
const OS_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os'] as const;

export function isWindowsPod(pod: Pod): boolean {
  const selector = pod.spec?.nodeSelector;
  return selector?.[OS_LABELS[0]] === 'windows' || selector?.[OS_LABELS[1]] === 'windows';
}

// Shared: most pods skip nothing, and a set per admission was garbage for nothing.
const NO_CONTAINERS: ReadonlySet<string> = new Set();

/** Containers named by the skip-containers pod annotation; a CSV error means skip nothing. */
export function skippedContainers(pod: Pod, settings: MutationSettings): ReadonlySet<string> {
  const value = pod.metadata?.annotations?.[annotationKeys(settings.annotationPrefix).skipContainers];
  if (value === undefined) return NO_CONTAINERS;
  return new Set(parseGoCsvRecord(value) ?? []);
}

/** undefined when the pod gets no credentials (no role, no association): admit it unchanged. */
export function mutatePod(request: PodMutationRequest): PodMutation | undefined {
  const { pod, settings } = request;
  const credentials = resolvePodCredentials({
    serviceAccountAnnotations: request.serviceAccountAnnotations,
    podIdentityAssociation: request.podIdentityAssociation,
    podAnnotations: pod.metadata?.annotations ?? undefined,
    windows: isWindowsPod(pod),
    settings,
    randomInt: request.randomInt,
  });
  if (credentials === undefined) return undefined;
  return { credentials, patch: buildPodPatch(pod, credentials, skippedContainers(pod, settings)) };
}
