// AdmissionReview decoding/encoding (admission.k8s.io v1 and v1beta1 share this shape).
// Untrusted input enters as unknown and is narrowed here; anything the webhook would trip over
// becomes a BadAdmissionReviewError with a message that names the offending field.
import type { JsonPatchOp, Pod } from '../mutate/index.js';
import { BadAdmissionReviewError } from './errors.js';

export interface AdmissionRequest {
  uid: string;
  namespace: string | undefined;
  /** False for other kinds and for DELETE/CONNECT, which carry no pod to mutate. */
  isPodCreation: boolean;
  pod: Pod;
}

export interface AdmissionReview {
  apiVersion: string;
  kind: string;
  request: AdmissionRequest;
}

const API_VERSIONS = new Set(['admission.k8s.io/v1', 'admission.k8s.io/v1beta1']);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function fail(message: string): never {
  throw new BadAdmissionReviewError(message);
}

// The checks below build a field's path only when it is wrong: every admission runs them.

/** What is wrong with a list of named objects, as a suffix of its path; undefined if nothing. */
function namedListProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return ' must be an array';
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (!isObject(item)) return `[${i}] must be an object`;
    if (typeof item.name !== 'string') return `[${i}].name must be a string`;
  }
  return undefined;
}

function checkNamedList(value: unknown, path: string): void {
  const problem = namedListProblem(value);
  if (problem !== undefined) fail(`${path}${problem}`);
}

function checkStringMap(value: unknown, path: string): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) fail(`${path} must be a map of strings`);
  for (const key in value) {
    if (Object.hasOwn(value, key) && typeof value[key] !== 'string') fail(`${path} must be a map of strings`);
  }
}

const CONTAINER_LISTS = ['containers', 'initContainers'] as const;
const CONTAINER_MEMBERS = ['env', 'volumeMounts'] as const;

/** Checks the parts of a pod the webhook reads, so mutation never meets a surprise shape. */
export function parsePod(raw: unknown): Pod {
  if (!isObject(raw)) fail('request.object must be a Pod object');
  const { metadata, spec } = raw;
  if (metadata !== undefined && metadata !== null) {
    if (!isObject(metadata)) fail('request.object.metadata must be an object');
    checkStringMap(metadata.labels, 'request.object.metadata.labels');
    checkStringMap(metadata.annotations, 'request.object.metadata.annotations');
  }
  if (spec !== undefined && spec !== null) {
    if (!isObject(spec)) fail('request.object.spec must be an object');
    checkNamedList(spec.volumes, 'request.object.spec.volumes');
    checkStringMap(spec.nodeSelector, 'request.object.spec.nodeSelector');
    if (spec.serviceAccountName !== undefined && typeof spec.serviceAccountName !== 'string') {
      fail('request.object.spec.serviceAccountName must be a string');
    }
    for (const kind of CONTAINER_LISTS) {
      const containers = spec[kind];
      const listProblem = namedListProblem(containers);
      if (listProblem !== undefined) fail(`request.object.spec.${kind}${listProblem}`);
      if (!Array.isArray(containers)) continue;
      for (let i = 0; i < containers.length; i++) {
        for (const member of CONTAINER_MEMBERS) {
          const problem = namedListProblem((containers[i] as Record<string, unknown>)[member]);
          if (problem !== undefined) fail(`request.object.spec.${kind}[${i}].${member}${problem}`);
        }
      }
    }
  }
  return raw as Pod;
}

export function parseAdmissionReview(raw: unknown): AdmissionReview {
  if (!isObject(raw)) fail('body must be an AdmissionReview object');
  const { apiVersion, kind, request } = raw;
  if (typeof apiVersion !== 'string' || !API_VERSIONS.has(apiVersion)) {
    fail(`apiVersion must be one of ${[...API_VERSIONS].join(', ')}`);
  }
  if (kind !== 'AdmissionReview') fail('kind must be AdmissionReview');
  if (!isObject(request)) fail('request must be an object');
  if (typeof request.uid !== 'string' || request.uid === '') fail('request.uid must be a non-empty string');
  if (request.namespace !== undefined && typeof request.namespace !== 'string') {
    fail('request.namespace must be a string');
  }
  const requestKind = isObject(request.kind) ? request.kind.kind : undefined;
  const isPodCreation = (requestKind === undefined || requestKind === 'Pod')
    && request.operation !== 'DELETE' && request.operation !== 'CONNECT';
  return {
    apiVersion,
    kind,
    request: {
      uid: request.uid,
      namespace: request.namespace === '' ? undefined : (request.namespace as string | undefined),
      isPodCreation,
      pod: isPodCreation ? parsePod(request.object) : {},
    },
  };
}

/**
 * The response review as JSON text: apiVersion/kind echoed, uid copied, always allowed. Written
 * out rather than built as an object for JSON.stringify: it is the one string every answer
 * makes, and the text is the same, key order included.
 */
export function admissionResponseJson(review: AdmissionReview, patch: JsonPatchOp[] | undefined): string {
  const head = `{"apiVersion":${JSON.stringify(review.apiVersion)},"kind":${JSON.stringify(review.kind)},"response":{"uid":${JSON.stringify(review.request.uid)},"allowed":true`;
  if (patch === undefined) return `${head}}}`;
  return `${head},"patchType":"JSONPatch","patch":"${Buffer.from(JSON.stringify(patch)).toString('base64')}"}}`;
}
