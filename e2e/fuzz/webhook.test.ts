import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WEBHOOK_CONFIG, generateWebhookCertificates, startWebhook, staticIdentities } from '@eksid/webhook';
import type { RunningWebhook, WebhookCertificates } from '@eksid/webhook';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_TIMEOUT_MS, extraHeaders, fuzzRuns, hostileJson, method, queryString, segment } from './support/fuzz.js';
import { describeReply, send } from './support/raw-http.js';
import type { RawReply, RawRequest } from './support/raw-http.js';

// The admission webhook's HTTPS endpoint fed malformed and mutated AdmissionReviews: a review
// it can read gets an AdmissionReview back in the right shape, anything else a 4xx; never a
// 5xx, and the server still answers a good review after.
let webhook: RunningWebhook;
let certificates: WebhookCertificates;
let certDir: string;

beforeAll(async () => {
  certificates = generateWebhookCertificates({ serviceName: 'pod-identity-webhook', namespace: 'eks', now: new Date() });
  certDir = await mkdtemp(join(tmpdir(), 'eksid-webhook-fuzz-'));
  webhook = await startWebhook(
    { ...DEFAULT_WEBHOOK_CONFIG, host: '127.0.0.1', port: 0, metricsPort: 0, certDir, inCluster: false },
    {
      certificates,
      serviceAccounts: { get: (_namespace, name) => Promise.resolve(name === 'reader' ? { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::000000000000:role/reader' } : undefined) },
      podIdentity: staticIdentities([{ namespace: 'apps', serviceAccount: 'agent' }]),
      randomInt: () => 0,
    },
  );
});
afterAll(async () => {
  await webhook?.close();
  await rm(certDir, { recursive: true, force: true });
});

const GOOD_POD = { metadata: { name: 'p', annotations: {} }, spec: { serviceAccountName: 'reader', containers: [{ name: 'app', env: [], volumeMounts: [] }], initContainers: [], volumes: [] } };
const review = (object: unknown, uid = 'uid-1') => ({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request: { uid, kind: { group: '', version: 'v1', kind: 'Pod' }, resource: { group: '', version: 'v1', resource: 'pods' }, namespace: 'apps', operation: 'CREATE', object },
});
const mutate = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): RawRequest => ({ method: 'POST', path: '/mutate', headers, body });
const post = (req: RawRequest): Promise<RawReply> => send(webhook.url, req, { ca: certificates.caCert });

afterEach(async () => {
  const reply = await send(webhook.url, mutate(JSON.stringify(review(GOOD_POD))), { ca: certificates.caCert, ownConnection: true });
  expect(reply.status, reply.body).toBe(200);
});

/** An answer to /mutate: an AdmissionReview echoing apiVersion and uid with a base64 JSONPatch, or a 4xx refusal. */
function expectReviewOr4xx(req: RawRequest, reply: RawReply, sent: unknown): void {
  const what = describeReply(req, reply);
  expect(reply.status, what).toBeLessThan(500);
  if (reply.status !== 200) {
    expect(reply.status, what).toBeGreaterThanOrEqual(400);
    return;
  }
  const answer = JSON.parse(reply.body) as { apiVersion: unknown; kind: unknown; response: { uid: unknown; allowed: unknown; patch?: string; patchType?: string } };
  const request = (sent as { apiVersion: unknown; request: { uid: unknown } });
  expect(answer.apiVersion, what).toBe(request.apiVersion);
  expect(answer.kind, what).toBe('AdmissionReview');
  expect(answer.response.uid, what).toBe(request.request.uid);
  expect(answer.response.allowed, what).toBe(true);
  if (answer.response.patch !== undefined) {
    expect(answer.response.patchType, what).toBe('JSONPatch');
    expect(Array.isArray(JSON.parse(Buffer.from(answer.response.patch, 'base64').toString('utf8'))), what).toBe(true);
  }
}

/** Where in a review a hostile value goes. */
const REVIEW_PATHS = [
  ['apiVersion'], ['kind'], ['request'], ['request', 'uid'], ['request', 'kind'], ['request', 'operation'], ['request', 'namespace'], ['request', 'object'],
  ['request', 'object', 'metadata'], ['request', 'object', 'metadata', 'annotations'], ['request', 'object', 'metadata', 'name'], ['request', 'object', 'spec'],
  ['request', 'object', 'spec', 'serviceAccountName'], ['request', 'object', 'spec', 'containers'], ['request', 'object', 'spec', 'containers', '0'],
  ['request', 'object', 'spec', 'containers', '0', 'env'], ['request', 'object', 'spec', 'containers', '0', 'volumeMounts'], ['request', 'object', 'spec', 'volumes'],
  ['request', 'object', 'spec', 'initContainers'], ['request', 'object', 'metadata', 'labels'], ['request', 'dryRun'],
] as const;

const PLACEHOLDER = '__fuzz_value__';

/** A valid review for one of the pods the webhook mutates, with one field replaced by raw hostile JSON. */
const mutatedReview = fc.tuple(
  fc.constantFrom(...REVIEW_PATHS),
  hostileJson,
  fc.constantFrom('reader', 'agent', 'nobody'),
  fc.constantFrom('admission.k8s.io/v1', 'admission.k8s.io/v1beta1'),
).map(([path, value, serviceAccountName, apiVersion]) => {
  const doc = structuredClone(review({ ...GOOD_POD, spec: { ...GOOD_POD.spec, serviceAccountName } })) as Record<string, unknown>;
  doc['apiVersion'] = apiVersion;
  let node = doc;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1] as string] = PLACEHOLDER;
  return { sent: doc, body: JSON.stringify(doc).replace(`"${PLACEHOLDER}"`, value) };
});

describe('the admission webhook under malformed AdmissionReviews', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('answers reviews with one field replaced by hostile JSON with a well-formed review or a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedReview, async ({ sent, body }) => {
        const req = mutate(body);
        const reply = await post(req);
        let parsed: unknown = sent;
        try {
          parsed = JSON.parse(body);
        } catch {
          // Left as sent: a reply of 200 to a body that is not JSON fails the shape check.
        }
        expectReviewOr4xx(req, reply, parsed);
      }),
      fuzzRuns(300),
    );
  });

  it('answers any JSON value, and bodies that are not JSON, with a well-formed review or a 4xx', async () => {
    const body = fc.oneof(hostileJson, fc.anything().map((v) => JSON.stringify(v) ?? 'undefined'), fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')));
    const contentType = fc.constantFrom('application/json', 'APPLICATION/JSON; charset=utf-8', 'application/json;charset=UTF-16', 'text/plain', '');
    await fc.assert(
      fc.asyncProperty(body, contentType, async (text, type) => {
        const req = mutate(text, type === '' ? {} : { 'content-type': type });
        const reply = await post(req);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        expectReviewOr4xx(req, reply, parsed);
      }),
      fuzzRuns(300),
    );
  });

  it('answers random methods, paths and headers below 500', async () => {
    const path = fc.oneof(fc.constantFrom('/mutate', '/MUTATE', '/mutate/', '/healthz', '/metrics', '/', '//mutate'), fc.array(segment, { maxLength: 3 }).map((s) => `/${s.join('/')}`));
    await fc.assert(
      fc.asyncProperty(method, path, queryString, extraHeaders, fc.option(hostileJson, { nil: undefined }), async (verb, p, query, h, body) => {
        const withBody = body !== undefined && verb !== 'GET' && verb !== 'HEAD';
        const req: RawRequest = { method: verb, path: p + query, headers: h, ...(withBody ? { body } : {}) };
        const reply = await post(req);
        expect(reply.status, describeReply(req, reply)).toBeLessThan(500);
      }),
      fuzzRuns(200),
    );
  });
});
