// POST /mutate: AdmissionReview in, AdmissionReview out. Mirrors upstream pkg/handler
// (Modifier.Handle): 415 on a non-JSON content type, the pod's namespace taken from the request.
// Departures: a malformed review or pod is a 400 with a reason instead of a 200 carrying an
// error, and the content type may carry parameters (`application/json; charset=utf-8`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_JSON_DEPTH, jsonNestsDeeperThan } from '@eksid/core/json-depth';
import type { ServiceAccountLookup } from '../cache/types.js';
import type { MutateOutcome } from '../events/mutate-decision.js';
import { PodAdmission } from '../events/pod-admission.js';
import type { PodIdentityLookup } from '../identities/types.js';
import { mutatePod } from '../mutate/index.js';
import type { MutationSettings, RandomInt } from '../mutate/index.js';
import { admissionResponseJson, parseAdmissionReview } from './admission.js';
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

/**
 * The whole body, read with plain stream events: `for await (const chunk of req)` builds an
 * async iterator, its promises and an end-of-stream watcher per request, a tenth of the
 * webhook's garbage under load (pnpm bench), and garbage is what its p99 is made of. Past
 * `limit` it fails at once, so the 413 goes out while the rest of the body is still arriving;
 * that rest is read and dropped and the connection stays usable, as when leaving that loop
 * detached the request from its socket.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else reject(new HttpError(413, `request body exceeds ${limit} bytes\n`, 'too_large'));
    });
    // A review usually arrives in one chunk: no copy then.
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function isJsonContentType(header: string | undefined): boolean {
  // The exact header first: the general case allocates, and this is what API servers send.
  return header === 'application/json' || header?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * deps.randomInt that remembers its draw for the request being answered (mutatePod is
 * synchronous, so one per handler serves every request): the audit record replays the
 * mutation with it rather than keep the mutation (see PodAdmission).
 */
class RecordedRandom {
  last: number | undefined;
  constructor(private readonly randomInt: RandomInt) {}
  readonly draw: RandomInt = (maxExclusive) => (this.last = this.randomInt(maxExclusive));
}

async function answer(req: IncomingMessage, deps: MutateHandlerDeps, random: RecordedRandom): Promise<{ review: string; outcome: MutateOutcome }> {
  if (req.method !== 'POST') throw new HttpError(405, 'only POST is allowed on /mutate\n', 'method');
  if (!isJsonContentType(req.headers['content-type'])) {
    throw new HttpError(415, INVALID_CONTENT_TYPE, 'content_type');
  }
  const body = await readBody(req, deps.maxBodyBytes ?? 10 * 1024 * 1024);
  const text = body.toString('utf8');
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) throw new BadAdmissionReviewError(`body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BadAdmissionReviewError(`body is not valid JSON: ${(error as Error).message}`);
  }
  const review = parseAdmissionReview(raw);
  const { uid, pod, namespace: requestNamespace, isPodCreation } = review.request;
  if (!isPodCreation) return { review: admissionResponseJson(review, undefined), outcome: { passedThrough: { uid } } };
  // The API server fills spec.serviceAccountName before webhooks run; "default" mirrors it.
  const namespace = requestNamespace ?? pod.metadata?.namespace ?? 'default';
  const serviceAccount = pod.spec?.serviceAccountName || 'default';
  const serviceAccountAnnotations = await deps.serviceAccounts.get(namespace, serviceAccount);
  const podIdentityAssociation = deps.podIdentity.has(namespace, serviceAccount);
  random.last = undefined;
  const mutation = mutatePod({
    pod,
    serviceAccountAnnotations,
    podIdentityAssociation,
    settings: deps.settings,
    randomInt: random.draw,
  });
  if (mutation !== undefined) deps.metrics.mutations.inc({ mode: mutation.credentials.mode });
  // Looked up now, not when the record is built: the association may change meanwhile.
  const association = podIdentityAssociation ? (deps.podIdentity.describe?.(namespace, serviceAccount) ?? 'unnamed') : undefined;
  const outcome = new PodAdmission({ uid, pod, namespace, serviceAccount, serviceAccountAnnotations, association, draw: random.last });
  return { review: admissionResponseJson(review, mutation?.patch), outcome };
}

/** The status, body and metrics reason of a request /mutate could not answer with a review. */
function failure(error: unknown): { status: number; body: string; reason: string } {
  if (error instanceof HttpError) return { status: error.status, body: error.message, reason: error.reason };
  if (error instanceof BadAdmissionReviewError) return { status: 400, body: `malformed AdmissionReview: ${error.message}\n`, reason: 'bad_request' };
  return { status: 500, body: `internal error: ${(error as Error).message}\n`, reason: 'internal' };
}

type StopTimer = (labels: { code: string }) => void;

// A module function, not a closure made per request: a closure is an allocation per request,
// and under a loader that keeps names (tsx) a defineProperty for its name as well.
function finish(res: ServerResponse, deps: MutateHandlerDeps, stop: StopTimer, status: number, type: string, body: string): void {
  const code = String(status);
  deps.metrics.requests.inc({ code });
  stop({ code });
  if (res.destroyed) return; // the caller went away mid-request; nothing to answer
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function createMutateHandler(deps: MutateHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const random = new RecordedRandom(deps.randomInt);
  return (req, res) => {
    const stop = deps.metrics.latency.startTimer();
    answer(req, deps, random).then(
      ({ review, outcome }) => {
        finish(res, deps, stop, 200, 'application/json', review);
        deps.onDecision?.(outcome);
      },
      (error: unknown) => {
        const { status, body, reason } = failure(error);
        deps.metrics.errors.inc({ reason });
        finish(res, deps, stop, status, 'text/plain; charset=utf-8', body);
        deps.onDecision?.({ refused: { status, message: body.trimEnd(), reason } });
      },
    );
  };
}
