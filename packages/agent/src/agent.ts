import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { resolveAdminToken } from '@eksid/core/admin-token';
import { DecisionReporter } from '@eksid/core/audit-client';
import { isLoopbackHost } from '@eksid/core/hosts';
import { createLogger } from '@eksid/core/log';
import { systemClock } from './clock.js';
import * as cfg from './config.js';
import type { AgentConfig } from './config.js';
import { createEksAuthClient, goExponentialJitterBackoff } from './credentials/eks-auth-client.js';
import { createEksAuthFetcher } from './credentials/eks-auth-fetcher.js';
import { createRefreshingCache } from './credentials/refreshing-cache.js';
import { TokenBucket } from './credentials/token-bucket.js';
import type { CredentialRetriever } from './credentials/refreshing-cache.js';
import { credentialsDecision, refusedByEksAuth } from './events/credentials-decision.js';
import type { CredentialsOutcome } from './events/credentials-decision.js';
import { postDecisionEvents } from './events/post-events.js';
import { createAgentMetrics } from './metrics/metrics.js';
import { createCredentialsListener, CREDENTIALS_PATH } from './server/credentials-handler.js';
import { listenAll, listenOne } from './server/listen.js';
import type { Listener } from './server/listen.js';
import { createProbeListener } from './server/probe.js';

export interface RunningAgent {
  /** One credentials URL per bind host, e.g. http://127.0.0.1:41234/v1/credentials. */
  urls: string[];
  /** http://host:port of the probe listener (/healthz, /readyz), if on. */
  probeUrl: string | undefined;
  /** http://host:port of the metrics listener (/metrics, /healthz, /readyz), if on. */
  metricsUrl: string | undefined;
  /** The cache's janitor pass, for callers that drive time themselves (tests). */
  sweep(): Promise<void>;
  /** Sends the decisions reported so far to eksid (with reportEvents), e.g. before reading the audit trail. */
  flushEvents(): Promise<void>;
  close(): Promise<void>;
}

/** Wires the agent like cmd/server.go: EKS Auth client → cache → handler → listeners. */
export async function startAgent(config: AgentConfig): Promise<RunningAgent> {
  if (typeof config.clusterName !== 'string' || config.clusterName === '') throw new TypeError('clusterName is required');
  const env = config.env ?? process.env;
  const clock = config.clock ?? systemClock;
  const logger = config.logger ?? (await createLogger());
  const bindHosts = config.bindHosts ?? cfg.DEFAULT_BIND_HOSTS;
  if (bindHosts.length === 0) throw new TypeError('bindHosts must name at least one host');
  const allLoopback = bindHosts.every(isLoopbackHost);
  const region = cfg.resolveRegion(config, env);
  const metrics = createAgentMetrics();
  const endpoint = cfg.resolveEndpoint(config, env, region);
  const client = createEksAuthClient({
    endpoint,
    region,
    credentials: config.credentials ?? defaultProvider(),
    dialTimeoutMs: config.eksAuth?.dialTimeoutMs ?? 500,
    attemptTimeoutMs: config.eksAuth?.attemptTimeoutMs ?? 1000,
    maxAttempts: config.eksAuth?.maxAttempts ?? 3,
    backoffMs: config.eksAuth?.backoffMs ?? goExponentialJitterBackoff(() => clock.random()),
  });
  const fetch = createEksAuthFetcher({ client, clusterName: config.clusterName, logger, now: () => clock.now(), observe: metrics.eksAuthCall });
  const renewalMs = config.maxCredentialRetentionBeforeRenewalMs ?? cfg.DEFAULT_RENEWAL_MS;
  const maxSize = config.maxCacheSize ?? cfg.DEFAULT_MAX_CACHE_SIZE;
  // Either flag at 0 turns caching off (pkg/handlers/eks_credential_handler.go).
  const retriever: CredentialRetriever = renewalMs > 0 && maxSize > 0
    ? createRefreshingCache({ fetch, clock, renewalTtlMs: renewalMs, maxSize, refreshQps: config.maxServiceQps ?? cfg.DEFAULT_MAX_SERVICE_QPS, logger, observer: metrics.cache })
    : { get: async (token, log) => ({ creds: await fetch(token, log), from: 'eks-auth', cachedUntil: undefined }), sweep: async () => {}, size: 0, close: () => {} };
  const poster = config.reportEvents === true ? postDecisionEvents(endpoint, resolveAdminToken(config.adminToken, env, endpoint)) : undefined;
  const reporter = poster && new DecisionReporter({ send: poster.send, clock: { now: () => new Date(clock.now()) }, warn: (message) => logger.warn(message) });
  const decisionContext = { clusterName: config.clusterName, endpoint };
  // Only the outcome is kept per request; the record is built when its batch is sent. EKS Auth's
  // own refusals are left to the record eksid made of them.
  const onDecision = reporter && ((outcome: CredentialsOutcome) => {
    if (!refusedByEksAuth(outcome)) reporter.report((time) => credentialsDecision(decisionContext, outcome, time));
  });

  const rps = config.maxRequestsPerSecond ?? 1000;
  const routeLimiter = new TokenBucket(rps, Math.floor(rps / 2), () => clock.now());

  const opened: Listener[] = [];
  const close = async () => {
    retriever.close();
    client.close();
    await Promise.all(opened.splice(0).map((l) => l.close()));
    // After the listeners: the last answers' decisions are queued by then.
    await reporter?.close();
    poster?.close();
  };
  try {
    const credentialListeners = await listenAll(bindHosts, config.port ?? (allLoopback ? 0 : 80), createCredentialsListener({
      clusterName: config.clusterName,
      allowedHosts: config.allowedHosts ?? cfg.defaultAllowedHosts(bindHosts),
      retriever,
      now: () => clock.now(),
      logger,
      onResponse: metrics.httpResponse,
      allowRequest: () => rps <= 0 || routeLimiter.allow(),
      onDecision,
    }));
    opened.push(...credentialListeners);
    const targets = () => credentialListeners.map((l) => l.hostport);
    const probePort = config.probePort === undefined ? cfg.DEFAULT_PROBE_PORT : config.probePort;
    const metricsPort = config.metricsPort === undefined ? cfg.DEFAULT_METRICS_PORT : config.metricsPort;
    let probeUrl: string | undefined;
    let metricsUrl: string | undefined;
    if (probePort !== null) {
      const probe = await listenOne(config.probeAddress ?? '127.0.0.1', probePort, createProbeListener({ targets, logger }));
      opened.push(probe);
      probeUrl = `http://${probe.hostport}`;
    }
    if (metricsPort !== null) {
      const address = config.metricsAddress ?? (allLoopback ? '127.0.0.1' : '0.0.0.0');
      const listener = await listenOne(address, metricsPort, createProbeListener({ targets, logger, registry: metrics.registry }));
      opened.push(listener);
      metricsUrl = `http://${listener.hostport}`;
    }
    const urls = credentialListeners.map((l) => `http://${l.port === 80 ? l.hostport.replace(/:80$/, '') : l.hostport}${CREDENTIALS_PATH}`);
    // Debug: `eksid agent` prints its own ready lines, and those come first on a terminal.
    logger.debug({ urls, probeUrl, metricsUrl, 'cluster-name': config.clusterName }, 'Pod Identity agent serving');
    return { urls, probeUrl, metricsUrl, sweep: () => retriever.sweep(), flushEvents: async () => reporter?.flush(), close };
  } catch (err) {
    await close();
    throw err;
  }
}
