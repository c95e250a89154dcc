// The webhook reporting its admission decisions to eksid over real HTTP(S): a loopback server
// stands in for eksid, serving the association API and keeping what arrives at /_eksid/events.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WEBHOOK_CONFIG, generateWebhookCertificates, startWebhook } from '../src/index.js';
import type { RunningWebhook, WebhookCertificates, WebhookConfig } from '../src/index.js';
import { admissionReview, post } from './support/https.js';

interface Reported {
  outcome: string;
  caller: string | null;
  role: string | null;
  trace: { ok: boolean | null; text: string }[];
  [field: string]: unknown;
}

const IRSA_ROLE = 'arn:aws:iam::000000000000:role/reader';
const POD_IDENTITY_ROLE = 'arn:aws:iam::000000000000:role/agent';
let eksid: Server;
let eksidUrl: string;
let reported: Reported[];
let tokens: (string | undefined)[];
let certificates: WebhookCertificates;
let dir: string;
let webhook: RunningWebhook;

function answer(url: string): unknown {
  if (url.startsWith('/clusters/dev/pod-identity-associations/a-00000000000000001')) return { association: { associationId: 'a-00000000000000001', roleArn: POD_IDENTITY_ROLE } };
  return { associations: [{ namespace: 'apps', serviceAccount: 'agent', associationId: 'a-00000000000000001' }] };
}

beforeAll(async () => {
  certificates = generateWebhookCertificates({ serviceName: 'pod-identity-webhook', namespace: 'eks', now: new Date() });
  dir = await mkdtemp(join(tmpdir(), 'eksid-webhook-events-'));
  eksid = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/_eksid/events') {
        const { events } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: Reported[] };
        reported.push(...events);
        tokens.push(req.headers['x-eksid-admin-token'] as string | undefined);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ recorded: events.length }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(req.url ?? '/')));
    });
  });
  await new Promise<void>((resolve) => eksid.listen(0, '127.0.0.1', resolve));
  eksidUrl = `http://127.0.0.1:${(eksid.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => eksid.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

function start(overrides: Partial<WebhookConfig> = {}): Promise<RunningWebhook> {
  return startWebhook(
    { ...DEFAULT_WEBHOOK_CONFIG, host: '127.0.0.1', port: 0, metricsPort: 0, certDir: dir, inCluster: false, eksidEndpoint: eksidUrl, cluster: 'dev', ...overrides },
    {
      certificates,
      serviceAccounts: { get: (_ns, name) => Promise.resolve<Record<string, string>>(name === 'plain' ? {} : { 'eks.amazonaws.com/role-arn': IRSA_ROLE }) },
      randomInt: () => 0,
      now: () => new Date('2026-03-01T12:00:00Z'),
    },
  );
}

beforeEach(async () => {
  reported = [];
  tokens = [];
  webhook = await start();
});

afterEach(async () => {
  await webhook.close();
});

const admit = (pod: unknown, namespace = 'apps') => post(`${webhook.url}/mutate`, admissionReview(pod, { namespace }), { ca: certificates.caCert });
const pod = (serviceAccountName: string) => ({ metadata: { generateName: 'web-5d8f-' }, spec: { serviceAccountName, containers: [{ name: 'app' }, { name: 'sidecar' }] } });

describe('startWebhook with --eksid-endpoint reports each admission', () => {
  it('should record an IRSA mutation with the role from the annotation and the containers it touched', async () => {
    await admit(pod('reader'));
    await webhook.flushEvents();
    expect(reported).toEqual([expect.objectContaining({
      source: 'webhook', action: 'Mutate', outcome: 'allowed', time: '2026-03-01T12:00:00.000Z',
      caller: 'pod apps/web-5d8f-', cluster: 'dev', namespace: 'apps', serviceAccount: 'reader', role: IRSA_ROLE,
      errorCode: null, detail: expect.objectContaining({ mode: 'irsa', containers: ['app', 'sidecar'] }),
    })]);
    expect(reported[0]?.trace.slice(0, 2)).toEqual([
      { ok: true, text: `IRSA: role ${IRSA_ROLE} from annotation eks.amazonaws.com/role-arn of service account apps/reader` },
      { ok: true, text: 'injected AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE into containers [app, sidecar], with token volume aws-iam-token at /var/run/secrets/eks.amazonaws.com/serviceaccount/token (audience sts.amazonaws.com, 86400 s)' },
    ]);
  });

  it('should record a Pod Identity mutation with the association\'s role, saying it wins over IRSA', async () => {
    await admit(pod('agent'));
    await webhook.flushEvents();
    expect(reported[0]).toMatchObject({ outcome: 'allowed', serviceAccount: 'agent', role: POD_IDENTITY_ROLE });
    expect(reported[0]?.trace.slice(0, 2)).toEqual([
      { ok: true, text: `Pod Identity: association a-00000000000000001 of apps/agent (role ${POD_IDENTITY_ROLE})` },
      { ok: true, text: `Pod Identity association wins over IRSA role ${IRSA_ROLE} of annotation eks.amazonaws.com/role-arn` },
    ]);
  });

  it('should record a pod admitted unchanged, and why', async () => {
    await admit(pod('plain'));
    await webhook.flushEvents();
    expect(reported[0]).toMatchObject({
      outcome: 'allowed', role: null,
      trace: [{ ok: null, text: 'service account apps/plain has no eks.amazonaws.com/role-arn annotation and no pod identity association: pod admitted unchanged' }],
    });
  });

  it('should record a malformed review as denied', async () => {
    await post(`${webhook.url}/mutate`, '{"kind":"AdmissionReview"}', { ca: certificates.caCert });
    await webhook.flushEvents();
    expect(reported).toEqual([expect.objectContaining({
      outcome: 'denied', caller: null, errorCode: 'Bad Request',
      errorMessage: 'malformed AdmissionReview: apiVersion must be one of admission.k8s.io/v1, admission.k8s.io/v1beta1',
    })]);
    expect(reported[0]?.trace[0]).toEqual({ ok: false, text: 'the request body is not an AdmissionReview the webhook can use' });
  });

  it('should send the admin token eksid\'s ingest asks for: --admin-token, else $EKSID_ADMIN_TOKEN', async () => {
    await webhook.close();
    webhook = await start({ adminToken: 'given' });
    await admit(pod('reader'));
    await webhook.flushEvents();
    await webhook.close();
    vi.stubEnv('EKSID_ADMIN_TOKEN', 'from-env');
    webhook = await start();
    await admit(pod('reader'));
    await webhook.flushEvents();
    expect(tokens).toEqual(['given', 'from-env']);
  });

  it('should report nothing with --report-events=false', async () => {
    await webhook.close();
    webhook = await start({ reportEvents: false });
    await admit(pod('reader'));
    await webhook.flushEvents();
    expect(reported).toEqual([]);
  });
});
