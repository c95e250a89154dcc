// POST /mutate: AdmissionReview in, AdmissionReview out. Mirrors upstream pkg/handler
// (Modifier.Handle): 415 on a non-JSON content type, the pod's namespace taken from the request.
// Departures: a malformed review or pod is a 400 with a reason instead of a 200 carrying an
// error, and the content type may carry parameters (`application/json; charset=utf-8`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceAccountLookup } from '../cache/types.js';
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

async function answer(req: IncomingMessage, deps: MutateHandlerDeps): Promise<unknown> {
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
  const { pod, namespace: requestNamespace, isPodCreation } = review.request;
  if (!isPodCreation) return admissionResponse(review, undefined);
  // The API server fills spec.serviceAccountName before webhooks run; "default" mirrors it.
  const namespace = requestNamespace ?? pod.metadata?.namespace ?? 'default';
  const serviceAccount = pod.spec?.serviceAccountName || 'default';
  const mutation = mutatePod({
    pod,
    serviceAccountAnnotations: await deps.serviceAccounts.get(namespace, serviceAccount),
    podIdentityAssociation: deps.podIdentity.has(namespace, serviceAccount),
    settings: deps.settings,
    randomInt: deps.randomInt,
  });
  if (mutation !== undefined) deps.metrics.mutations.inc({ mode: mutation.credentials.mode });
  return admissionResponse(review, mutation?.patch);
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
      (review) => finish(200, 'application/json', JSON.stringify(review)),
      (error: unknown) => {
        if (error instanceof HttpError) {
          deps.metrics.errors.inc({ reason: error.reason });
          finish(error.status, 'text/plain; charset=utf-8', error.message);
        } else if (error instanceof BadAdmissionReviewError) {
          deps.metrics.errors.inc({ reason: 'bad_request' });
          finish(400, 'text/plain; charset=utf-8', `malformed AdmissionReview: ${error.message}\n`);
        } else {
          deps.metrics.errors.inc({ reason: 'internal' });
          finish(500, 'text/plain; charset=utf-8', `internal error: ${(error as Error).message}\n`);
        }
      },
    );
  };
}
