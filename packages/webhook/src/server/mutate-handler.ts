// POST /mutate: AdmissionReview in, AdmissionReview out. Mirrors upstream pkg/handler
// (Modifier.Handle): 415 on a non-JSON content type, the pod's namespace taken from the request.
// Departures: a malformed review or pod is a 400 with a reason instead of a 200 carrying an
// error, and the content type may carry parameters (`application/json; charset=utf-8`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceAccountLookup } from '../cache/types.js';
import type { MutateOutcome, PodAdmission } from '../events/mutate-decision.js';
import type { PodIdentityLookup } from '../identities/types.js';
import { mutatePod } from '../mutate/index.js';
import type { MutationSettings, RandomInt } from '../mutate/index.js';
import { admissionResponse, parseAdmissionReview } from './admission.js';
import { BadAdmissionReviewError } from './errors.js';
import type { WebhookMetrics } from './metrics.js';

export interface MutateHandlerDeps {
  settings: MutationSettings;
  serviceAccounts: ServiceAccountLookup;
  podIdentity: PodIdentityLookup;
  randomInt: RandomInt;
  metrics: WebhookMetrics;
  /** Upper bound on a request body; the API server caps objects far below this. */
  maxBodyBytes?: number;
  /** Told each answer once it is written; must only keep it (the audit record is built later). */
  onDecision?: (outcome: MutateOutcome) => void;
}

// Upstream's exact body, newline included (pkg/handler/handler.go).
const INVALID_CONTENT_TYPE = 'Invalid Content-Type, expected `application/json`\n';

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly reason: string) {
    super(message);
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `request body exceeds ${limit} bytes\n`, 'too_large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function isJsonContentType(header: string | undefined): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

async function answer(req: IncomingMessage, deps: MutateHandlerDeps): Promise<{ review: unknown; outcome: MutateOutcome }> {
  if (req.method !== 'POST') throw new HttpError(405, 'only POST is allowed on /mutate\n', 'method');
  if (!isJsonContentType(req.headers['content-type'])) {
    throw new HttpError(415, INVALID_CONTENT_TYPE, 'content_type');
  }
  const body = await readBody(req, deps.maxBodyBytes ?? 10 * 1024 * 1024);
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new BadAdmissionReviewError(`body is not valid JSON: ${(error as Error).message}`);
  }
  const review = parseAdmissionReview(raw);
  const { uid, pod, namespace: requestNamespace, isPodCreation } = review.request;
  if (!isPodCreation) return { review: admissionResponse(review, undefined), outcome: { passedThrough: { uid } } };
  // The API server fills spec.serviceAccountName before webhooks run; "default" mirrors it.
  const namespace = requestNamespace ?? pod.metadata?.namespace ?? 'default';
  const serviceAccount = pod.spec?.serviceAccountName || 'default';
  const serviceAccountAnnotations = await deps.serviceAccounts.get(namespace, serviceAccount);
  const podIdentityAssociation = deps.podIdentity.has(namespace, serviceAccount);
  const mutation = mutatePod({
    pod,
    serviceAccountAnnotations,
    podIdentityAssociation,
    settings: deps.settings,
    randomInt: deps.randomInt,
  });
  if (mutation !== undefined) deps.metrics.mutations.inc({ mode: mutation.credentials.mode });
  // Looked up now, not when the record is built: the association may change meanwhile.
  const association = podIdentityAssociation && deps.onDecision !== undefined
    ? (deps.podIdentity.describe?.(namespace, serviceAccount) ?? 'unnamed')
    : undefined;
  const admitted: PodAdmission = { uid, pod, namespace, serviceAccount, serviceAccountAnnotations, association, mutation };
  return { review: admissionResponse(review, mutation?.patch), outcome: { admitted } };
}

/** The status, body and metrics reason of a request /mutate could not answer with a review. */
function failure(error: unknown): { status: number; body: string; reason: string } {
  if (error instanceof HttpError) return { status: error.status, body: error.message, reason: error.reason };
  if (error instanceof BadAdmissionReviewError) return { status: 400, body: `malformed AdmissionReview: ${error.message}\n`, reason: 'bad_request' };
  return { status: 500, body: `internal error: ${(error as Error).message}\n`, reason: 'internal' };
}

export function createMutateHandler(deps: MutateHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const stop = deps.metrics.latency.startTimer();
    const finish = (status: number, type: string, body: string): void => {
      deps.metrics.requests.inc({ code: String(status) });
      stop({ code: String(status) });
      if (res.destroyed) return; // the caller went away mid-request; nothing to answer
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    answer(req, deps).then(
      ({ review, outcome }) => {
        finish(200, 'application/json', JSON.stringify(review));
        deps.onDecision?.(outcome);
      },
      (error: unknown) => {
        const { status, body, reason } = failure(error);
        deps.metrics.errors.inc({ reason });
        finish(status, 'text/plain; charset=utf-8', body);
        deps.onDecision?.({ refused: { status, message: body.trimEnd(), reason } });
      },
    );
  };
}
