// Wires the webhook like upstream's main.go: TLS material, the service-account cache, Pod
// Identity sources, metrics and the two listeners. Everything that varies can be injected.
import { randomInt as cryptoRandomInt } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveAdminToken } from '@eksid/core/admin-token';
import { DecisionReporter } from '@eksid/core/audit-client';
import { createLogger } from '@eksid/core/log';
import type { Logger } from '@eksid/core/log';
import type { KubeConfig } from '@kubernetes/client-node';
import { startServiceAccountInformer } from './cache/index.js';
import type { ServiceAccountLookup } from './cache/index.js';
import { WebhookConfigError, validateWebhookConfig } from './config.js';
import type { WebhookConfig } from './config.js';
import { mutateDecision } from './events/mutate-decision.js';
import type { MutateOutcome } from './events/mutate-decision.js';
import { postDecisionEvents } from './events/post-events.js';
import { anyIdentity, pollEksidAssociations, watchContainerCredentialsConfig } from './identities/index.js';
import type { PodIdentityLookup } from './identities/index.js';
import type { RandomInt } from './mutate/index.js';
import {
  CERTIFICATE_FILES,
  createWebhookMetrics,
  generateWebhookCertificates,
  listenWebhook,
  mutatingWebhookConfiguration,
  writeWebhookCertificates,
} from './server/index.js';
import type { WebhookCertificates } from './server/index.js';

export interface WebhookDeps {
  /** Replaces the Kubernetes informer (tests, or a caller with its own source). */
  serviceAccounts?: ServiceAccountLookup;
  /** Replaces the file / eksid association sources. */
  podIdentity?: PodIdentityLookup;
  /** Jitter source; defaults to crypto.randomInt. */
  randomInt?: RandomInt;
  now?: () => Date;
  /** Use these instead of generating a CA and serving certificate (still written to certDir). */
  certificates?: WebhookCertificates;
  /** Default: silent. */
  log?: Logger;
}

export interface RunningWebhook {
  /** https://host:port, with loopback when bound to all interfaces. */
  url: string;
  metricsUrl: string;
  /** Set when eksid generated (or was handed) the TLS material. */
  certificates: WebhookCertificates | undefined;
  /** Sends the decisions reported so far to eksid (with --eksid-endpoint), e.g. before reading the audit trail. */
  flushEvents(): Promise<void>;
  close(): Promise<void>;
}

// Lower bound on how long a pod waits for a service account missing from the cache (direct
// GET or informer catch-up). Upstream's --service-account-lookup-grace-period (default 0) only
// waits for the informer; eksid always looks up directly (#174/#264) and uses the grace period
// when it is longer.
const MIN_LOOKUP_TIMEOUT_MS = 1000;

/** Admission decisions go to eksid's audit trail when there is an eksid to send them to. */
function decisionReporting(config: WebhookConfig, deps: WebhookDeps, log: Logger) {
  if (!config.reportEvents || config.eksidEndpoint === undefined || config.cluster === undefined) return undefined;
  const now = deps.now ?? (() => new Date());
  const adminToken = resolveAdminToken(config.adminToken, process.env, config.eksidEndpoint);
  const reporter = new DecisionReporter({ send: postDecisionEvents(config.eksidEndpoint, adminToken), clock: { now }, warn: (message) => log.warn(message) });
  const context = { cluster: config.cluster, settings: config.mutation };
  // Only the outcome is kept per request; the record is built when its batch is sent.
  const onDecision = (outcome: MutateOutcome): void => reporter.report((time) => mutateDecision(context, outcome, time));
  return { reporter, onDecision };
}

// The Kubernetes client is imported only when there is a Kubernetes API (see informer.ts).
async function kubeConfigFor(config: WebhookConfig): Promise<KubeConfig | undefined> {
  if (config.kubeconfig === undefined && !config.inCluster) return undefined;
  if (config.kubeconfig === undefined && process.env.KUBERNETES_SERVICE_HOST === undefined) {
    throw new WebhookConfigError('not running in a cluster: give --kubeconfig FILE, or --in-cluster=false to run without Kubernetes');
  }
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  if (config.kubeconfig !== undefined) kc.loadFromFile(config.kubeconfig);
  else kc.loadFromCluster();
  return kc;
}

export async function startWebhook(input: WebhookConfig, deps: WebhookDeps = {}): Promise<RunningWebhook> {
  const config = validateWebhookConfig(input);
  const log = deps.log ?? (await createLogger({ level: 'silent' }));
  const closers: (() => Promise<void> | void)[] = [];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.reverse()) await close();
  };
  try {
    let tls: { cert: string; key: string };
    let certificates: WebhookCertificates | undefined;
    if (config.tlsCert !== undefined && config.tlsKey !== undefined) {
      tls = { cert: await readFile(config.tlsCert, 'utf8'), key: await readFile(config.tlsKey, 'utf8') };
    } else {
      certificates = deps.certificates ?? generateWebhookCertificates({
        serviceName: config.serviceName,
        namespace: config.namespace,
        now: (deps.now ?? (() => new Date()))(),
      });
      await writeWebhookCertificates(config.certDir, certificates);
      tls = { cert: certificates.cert, key: certificates.key };
    }

    let serviceAccounts = deps.serviceAccounts;
    if (serviceAccounts === undefined) {
      const kc = await kubeConfigFor(config);
      if (kc === undefined) {
        log.info('no Kubernetes API configured: service accounts are unknown, only Pod Identity associations apply');
        serviceAccounts = { get: () => Promise.resolve(undefined) };
      } else {
        const informer = await startServiceAccountInformer(kc, {
          lookupTimeoutMs: Math.max(config.serviceAccountLookupGracePeriodMs, MIN_LOOKUP_TIMEOUT_MS),
          log,
        });
        closers.push(() => informer.close());
        serviceAccounts = informer.cache;
      }
    }

    let podIdentity = deps.podIdentity;
    if (podIdentity === undefined) {
      const sources: PodIdentityLookup[] = [];
      if (config.containerCredentialsConfig !== undefined) {
        const watched = await watchContainerCredentialsConfig(config.containerCredentialsConfig, { log });
        closers.push(() => watched.close());
        sources.push(watched);
      }
      if (config.eksidEndpoint !== undefined && config.cluster !== undefined) {
        const polled = await pollEksidAssociations({
          endpoint: config.eksidEndpoint,
          cluster: config.cluster,
          intervalMs: config.associationPollIntervalMs,
          log,
        });
        closers.push(() => polled.close());
        sources.push(polled);
      }
      podIdentity = anyIdentity(sources);
    }

    const reporting = decisionReporting(config, deps, log);
    if (reporting !== undefined) closers.push(() => reporting.reporter.close());
    const listening = await listenWebhook(
      { host: config.host, port: config.port, metricsPort: config.metricsPort, tls },
      {
        settings: config.mutation,
        serviceAccounts,
        podIdentity,
        randomInt: deps.randomInt ?? cryptoRandomInt,
        metrics: createWebhookMetrics(),
        onDecision: reporting?.onDecision,
      },
    );
    closers.push(() => listening.close());
    if (certificates !== undefined) {
      const target = { caBundle: certificates.caBundle, serviceName: config.serviceName, namespace: config.namespace, port: listening.port };
      await writeFile(join(config.certDir, CERTIFICATE_FILES.webhookConfiguration),
        `${JSON.stringify(mutatingWebhookConfiguration(target), null, 2)}\n`);
    }
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const hostPart = host.includes(':') ? `[${host}]` : host;
    return {
      url: `https://${hostPart}:${listening.port}`,
      metricsUrl: `http://${hostPart}:${listening.metricsPort}`,
      certificates,
      flushEvents: async () => reporting?.reporter.flush(),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
