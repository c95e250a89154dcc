// The HTTPS admission endpoint end to end: envelope handling, bad input, metrics.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_CONFIG, generateWebhookCertificates, staticIdentities, startWebhook } from '../src/index.js';
import type { RunningWebhook, WebhookCertificates } from '../src/index.js';
import { admissionReview, post } from './support/https.js';

const ROLE = 'arn:aws:iam::000000000000:role/reader';
let webhook: RunningWebhook;
let certificates: WebhookCertificates;
let certDir: string;
const lookups: string[] = [];

beforeAll(async () => {
  certificates = generateWebhookCertificates({ serviceName: 'pod-identity-webhook', namespace: 'eks', now: new Date() });
  certDir = await mkdtemp(join(tmpdir(), 'eksid-webhook-server-'));
  webhook = await startWebhook(
    { ...DEFAULT_WEBHOOK_CONFIG, host: '127.0.0.1', port: 0, metricsPort: 0, certDir, inCluster: false },
    {
      certificates,
      serviceAccounts: {
        get: (namespace, name) => {
          lookups.push(`${namespace}/${name}`);
          return Promise.resolve(name === 'reader' ? { 'eks.amazonaws.com/role-arn': ROLE } : undefined);
        },
      },
      podIdentity: staticIdentities([{ namespace: 'apps', serviceAccount: 'agent' }]),
      randomInt: () => 0,
    },
  );
});

afterAll(async () => {
  await webhook.close();
  await rm(certDir, { recursive: true, force: true });
});

const send = (body: string, contentType?: string): ReturnType<typeof post> =>
  post(`${webhook.url}/mutate`, body, { ca: certificates.caCert, ...(contentType === undefined ? {} : { contentType }) });
const pod = (serviceAccountName: string): unknown => ({ metadata: { name: 'p' }, spec: { serviceAccountName, containers: [{ name: 'app' }] } });

describe('POST /mutate', () => {
  it.each(['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'])('echoes %s and the uid, with a base64 JSONPatch', async (apiVersion) => {
    const result = await send(admissionReview(pod('reader'), { apiVersion, uid: 'uid-1', namespace: 'team' }));
    expect(result.status).toBe(200);
    expect(result.contentType).toBe('application/json');
    const review = JSON.parse(result.body) as { apiVersion: string; kind: string; response: Record<string, unknown> };
    expect(review.apiVersion).toBe(apiVersion);
    expect(review.kind).toBe('AdmissionReview');
    expect(review.response).toMatchObject({ uid: 'uid-1', allowed: true, patchType: 'JSONPatch' });
    const patch = JSON.parse(Buffer.from(review.response.patch as string, 'base64').toString()) as { path: string }[];
    expect(patch.map((op) => op.path)).toEqual(['/spec/volumes', '/spec/containers/0/env', '/spec/containers/0/volumeMounts']);
    expect(lookups).toContain('team/reader');
  });

  it('injects Pod Identity for an associated service account in the request namespace', async () => {
    const result = await send(admissionReview(pod('agent'), { namespace: 'apps' }));
    const patch = JSON.parse(Buffer.from((JSON.parse(result.body) as { response: { patch: string } }).response.patch, 'base64').toString()) as { path: string }[];
    expect(patch[0]?.path).toBe('/metadata/labels');
  });

  it.each([
    ['a service account without role or association', admissionReview(pod('plain'))],
    ['a pod without spec.serviceAccountName', admissionReview({ spec: { containers: [{ name: 'app' }] } })],
    ['a resource that is not a pod', JSON.stringify({
      apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
      request: { uid: 'u', kind: { group: 'apps', version: 'v1', kind: 'Deployment' }, object: { spec: 7 } },
    })],
    ['a DELETE, which carries no object', JSON.stringify({
      apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
      request: { uid: 'u', kind: { group: '', version: 'v1', kind: 'Pod' }, operation: 'DELETE', object: null },
    })],
  ])('allows %s without a patch', async (_name, body) => {
    const result = await send(body);
    expect(result.status).toBe(200);
    const { response } = JSON.parse(result.body) as { response: Record<string, unknown> };
    expect(response.allowed).toBe(true);
    expect(response).not.toHaveProperty('patch');
    expect(response).not.toHaveProperty('patchType');
  });

  it('accepts application/json with parameters', async () => {
    expect((await send(admissionReview(pod('plain')), 'application/json; charset=utf-8')).status).toBe(200);
  });

  it.each(['text/plain', 'application/yaml', ''])('answers 415 with upstream\'s body to content type %j', async (contentType) => {
    const result = await send(admissionReview(pod('reader')), contentType);
    expect(result.status).toBe(415);
    expect(result.body).toBe('Invalid Content-Type, expected `application/json`\n');
  });

  it.each([
    ['not JSON', '{"apiVersion":', 'body is not valid JSON'],
    ['an array', '[]', 'body must be an AdmissionReview object'],
    ['an unknown apiVersion', JSON.stringify({ apiVersion: 'v1', kind: 'AdmissionReview', request: {} }), 'apiVersion must be one of'],
    ['no request', JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }), 'request must be an object'],
    ['no uid', JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { object: {} } }), 'request.uid must be a non-empty string'],
    ['a non-object pod', admissionReview('pod'), 'request.object must be a Pod object'],
    ['containers that are not an array', admissionReview({ spec: { containers: {} } }), 'request.object.spec.containers must be an array'],
    ['a container without a name', admissionReview({ spec: { containers: [{}] } }), 'request.object.spec.containers[0].name must be a string'],
    ['env that is not a list', admissionReview({ spec: { initContainers: [{ name: 'i', env: 'A=1' }] } }), 'request.object.spec.initContainers[0].env must be an array'],
    ['non-string annotations', admissionReview({ metadata: { annotations: { a: 1 } } }), 'request.object.metadata.annotations must be a map of strings'],
    ['a pod nested 10,000 levels deep', admissionReview({ metadata: { labels: 'DEEP' } }).replace('"DEEP"', `${'['.repeat(10_000)}${']'.repeat(10_000)}`), 'body nests objects and arrays deeper than 500 levels'],
  ])('answers 400 to %s', async (_name, body, message) => {
    const result = await send(body);
    expect(result.status).toBe(400);
    expect(result.body).toContain(`malformed AdmissionReview: ${message}`);
  });

  it('answers 405 to other methods', async () => {
    const result = await post(`${webhook.url}/mutate`, '', { ca: certificates.caCert, method: 'GET' });
    expect(result.status).toBe(405);
  });
});

describe('health and metrics', () => {
  it('answers /healthz on both ports', async () => {
    expect((await post(`${webhook.url}/healthz`, '', { ca: certificates.caCert, method: 'GET' })).body).toBe('ok');
    expect(await (await fetch(`${webhook.metricsUrl}/healthz`)).text()).toBe('ok');
  });

  it('exposes request, mutation, error and latency metrics for Prometheus', async () => {
    await send(admissionReview(pod('reader')));
    await send('nope');
    const response = await fetch(`${webhook.metricsUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/pod_identity_webhook_requests_total\{code="200"\} [1-9]/);
    expect(text).toMatch(/pod_identity_webhook_requests_total\{code="400"\} [1-9]/);
    expect(text).toMatch(/pod_identity_webhook_mutations_total\{mode="irsa"\} [1-9]/);
    expect(text).toMatch(/pod_identity_webhook_errors_total\{reason="bad_request"\} [1-9]/);
    expect(text).toContain('pod_identity_webhook_request_duration_seconds_bucket');
  });
});
