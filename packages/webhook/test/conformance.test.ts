// Webhook conformance: each fixture (format in fixtures/README.md) goes through eksid's real HTTPS
// /mutate endpoint. eksid's own fixtures always run. When the optional copy of upstream's
// fixture set sits beside the clone (UPSTREAM_SET), upstream's files run too, as an extra
// check; without it that suite skips and says so. The check is on resulting pods, not patch
// text: eksid appends env/mounts instead of replacing whole container arrays, so its patches
// differ from upstream's by design.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_CONFIG, generateWebhookCertificates, staticIdentities, startWebhook } from '../src/index.js';
import type { Container, Pod, WebhookCertificates } from '../src/index.js';
import { EKSID_FIXTURE_DIR, loadFixtures, upstreamAbsentLine, upstreamFixtureDir } from './support/fixtures.js';
import type { Fixture } from './support/fixtures.js';
import { admissionReview, post } from './support/https.js';
import { normalizeLikeGo } from './support/normalize.js';
import { UPSTREAM_TWINS } from './support/upstream-twins.js';

// Deliberate differences between eksid's resulting pod and upstream's, hidden by normalizeLikeGo
// and asserted by "keeps every field the pod was sent with" below.
// Keyed by fixture name, so one entry serves both runs.
const DELIBERATE_DIFFERENCES: Record<string, string> = {
  'rawPodHasVolumeMount.pod.yaml':
    'eksid keeps the mount field `path` that upstream\'s typed decode drops (the upstream #114/#165/#208 bug class)',
  'irsa/keeps-existing-token-volume.pod.yaml':
    'eksid keeps the mount field `source` that upstream\'s typed decode drops (the upstream #114/#165/#208 bug class)',
};

function applied(pod: Pod, patch: unknown[]): Pod {
  return jsonpatch.applyPatch(structuredClone(pod), patch as Operation[], true, false).newDocument;
}

let certificates: WebhookCertificates;
let certDir: string;

beforeAll(async () => {
  certificates = generateWebhookCertificates({ serviceName: 'pod-identity-webhook', namespace: 'eks', now: new Date() });
  certDir = await mkdtemp(join(tmpdir(), 'eksid-webhook-conformance-'));
});
afterAll(() => rm(certDir, { recursive: true, force: true }));

async function mutateOverHttps(fixture: Fixture): Promise<unknown[]> {
  const webhook = await startWebhook(
    { ...DEFAULT_WEBHOOK_CONFIG, host: '127.0.0.1', port: 0, metricsPort: 0, certDir, inCluster: false, mutation: fixture.settings },
    {
      certificates,
      serviceAccounts: {
        get: (namespace, name) =>
          Promise.resolve(namespace === 'default' && name === 'default' ? fixture.serviceAccountAnnotations : undefined),
      },
      podIdentity: staticIdentities(fixture.identities),
      // The harness's RNG yields the minimum jitter: default-expiry Pod Identity tokens get 79200.
      randomInt: () => 0,
    },
  );
  try {
    const result = await post(`${webhook.url}/mutate`, admissionReview(fixture.pod), { ca: certificates.caCert });
    expect(result.status, result.body).toBe(200);
    const response = (JSON.parse(result.body) as { response: { patch?: string; patchType?: string } }).response;
    expect(response.patchType).toBe('JSONPatch');
    return JSON.parse(Buffer.from(response.patch ?? '', 'base64').toString('utf8')) as unknown[];
  } finally {
    await webhook.close();
  }
}

function suite(title: string, dir: string, expectedCount: number): void {
  const fixtures = loadFixtures(dir).filter((fixture) => !fixture.skip);
  const results = new Map<string, { ours: Pod; upstream: Pod }>();

  describe(title, () => {
    beforeAll(async () => {
      for (const fixture of fixtures) {
        const patch = await mutateOverHttps(fixture);
        results.set(fixture.name, { ours: applied(fixture.pod, patch), upstream: applied(fixture.pod, fixture.expectedPatch) });
      }
    });

    it(`finds all ${expectedCount} fixtures`, () => {
      expect(fixtures).toHaveLength(expectedCount);
    });

    it('produces the pod upstream produces for every fixture', () => {
      const failed = fixtures.map((f) => f.name).filter((name) => {
        const { ours, upstream } = results.get(name) ?? {};
        return !isDeepStrictEqual(normalizeLikeGo(ours), normalizeLikeGo(upstream));
      });
      console.log(`${title}: ${fixtures.length - failed.length} passed, ${failed.length} failed`);
      for (const fixture of fixtures) {
        const why = DELIBERATE_DIFFERENCES[fixture.name];
        if (why !== undefined) console.log(`  deliberate difference in ${fixture.name}: ${why}`);
      }
      for (const name of failed) {
        const { ours, upstream } = results.get(name) ?? {};
        expect(normalizeLikeGo(ours), name).toEqual(normalizeLikeGo(upstream));
      }
      expect(failed).toEqual([]);
    });

    it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))(
      'keeps every field the pod was sent with (%s)',
      (name, fixture) => {
        const ours = results.get(name)?.ours;
        for (const kind of ['containers', 'initContainers'] as const) {
          (fixture.pod.spec?.[kind] ?? []).forEach((sent: Container, i: number) => {
            const got = ours?.spec?.[kind]?.[i] as Container;
            for (const [field, value] of Object.entries(sent)) {
              const kept = field === 'env' || field === 'volumeMounts'
                ? (got[field] ?? []).slice(0, (value as unknown[]).length)
                : got[field];
              expect(kept, `${kind}[${i}].${field}`).toEqual(value);
            }
          });
        }
      },
    );
  });
}

suite('webhook conformance (eksid fixtures)', EKSID_FIXTURE_DIR, 28);

const UPSTREAM_SUITE = 'webhook conformance (upstream fixtures)';
const upstreamDir = upstreamFixtureDir();
if (upstreamDir === undefined) {
  console.warn(upstreamAbsentLine(UPSTREAM_SUITE));
  describe.skip(UPSTREAM_SUITE, () => {
    it('runs upstream\'s fixtures (skipped: the upstream copy is not beside the clone)', () => {});
  });
} else {
  suite(UPSTREAM_SUITE, upstreamDir, Object.keys(UPSTREAM_TWINS).length);
}
