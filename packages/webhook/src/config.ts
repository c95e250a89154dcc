// The webhook's typed configuration. Field defaults are upstream's flag defaults (main.go at
// 3bf80a3) except where eksid runs out of cluster by nature; those departures say why.
import { DEFAULT_MUTATION_SETTINGS, MIN_TOKEN_EXPIRATION } from './mutate/index.js';
import type { MutationSettings } from './mutate/index.js';
import type { LogFormat, LogLevel } from '@eksid/core/log';

export interface WebhookConfig {
  /** HTTPS port for /mutate (--port, upstream 443). 0 picks a free port. */
  port: number;
  /** Bind address (eksid --host; upstream binds all interfaces). */
  host: string;
  /** Plain-HTTP port for /metrics and /healthz (--metrics-port, upstream 9999). 0 picks one. */
  metricsPort: number;
  /**
   * --tls-cert/--tls-key. Upstream defaults them to /etc/webhook/certs/tls.{crt,key}; eksid
   * leaves them unset and then generates a CA and serving certificate instead.
   */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  /** Where generated certificates and the caBundle are written (--cert-dir). */
  certDir: string;
  /** --in-cluster (upstream true): use the pod's service-account credentials for the API. */
  inCluster: boolean;
  /** --kubeconfig: giving one means out of cluster. */
  kubeconfig: string | undefined;
  /** --namespace / --service-name (upstream "eks" / "pod-identity-webhook"): certificate SANs. */
  namespace: string;
  serviceName: string;
  /** Everything that decides what a pod gets (annotation, token and container-credentials flags). */
  mutation: MutationSettings;
  /** --watch-container-credentials-config: upstream's Pod Identity identities file. */
  containerCredentialsConfig: string | undefined;
  /** --service-account-lookup-grace-period in ms (upstream 0). */
  serviceAccountLookupGracePeriodMs: number;
  /** eksid-only: Pod Identity associations straight from eksid's EKS API. */
  eksidEndpoint: string | undefined;
  cluster: string | undefined;
  associationPollIntervalMs: number;
  /**
   * eksid-only: with --eksid-endpoint, send each admission decision to eksid's audit trail
   * (`eksid events`). --report-events=false turns it off; without an endpoint there is nowhere to send.
   */
  reportEvents: boolean;
  /**
   * eksid-only: --admin-token, the token eksid's events ingest asks for; else $EKSID_ADMIN_TOKEN,
   * else the one `eksid up` announced on this machine for --eksid-endpoint.
   */
  adminToken: string | undefined;
  /** eksid-only: --log-level and --log-format, for whoever builds the webhook's logger (`eksid webhook`). */
  logLevel: LogLevel | undefined;
  logFormat: LogFormat | undefined;
}

export const DEFAULT_WEBHOOK_CONFIG: Readonly<WebhookConfig> = {
  port: 443,
  host: '0.0.0.0',
  metricsPort: 9999,
  tlsCert: undefined,
  tlsKey: undefined,
  certDir: '.eksid/webhook-certs',
  inCluster: true,
  kubeconfig: undefined,
  namespace: 'eks',
  serviceName: 'pod-identity-webhook',
  mutation: DEFAULT_MUTATION_SETTINGS,
  containerCredentialsConfig: undefined,
  serviceAccountLookupGracePeriodMs: 0,
  eksidEndpoint: undefined,
  cluster: undefined,
  associationPollIntervalMs: 2000,
  reportEvents: true,
  adminToken: undefined,
  logLevel: undefined,
  logFormat: undefined,
};

/** Config errors a CLI reports as usage errors (exit 2). */
export class WebhookConfigError extends Error {
  readonly code = 'ERR_WEBHOOK_CONFIG';
  override name = 'WebhookConfigError';
}

/** Cross-field rules, applied by the parser and by startWebhook. */
export function validateWebhookConfig(config: WebhookConfig): WebhookConfig {
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) {
    throw new WebhookConfigError('--tls-cert and --tls-key must be given together');
  }
  if ((config.eksidEndpoint === undefined) !== (config.cluster === undefined)) {
    throw new WebhookConfigError('--eksid-endpoint and --cluster must be given together');
  }
  for (const [flag, port] of [['--port', config.port], ['--metrics-port', config.metricsPort]] as const) {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new WebhookConfigError(`${flag} must be a port number (0-65535), got ${port}`);
    }
  }
  // Upstream raises a too-short flag value at startup (pkg.ValidateMinTokenExpiration).
  const tokenExpiration = Math.max(config.mutation.tokenExpiration, MIN_TOKEN_EXPIRATION);
  return { ...config, mutation: { ...config.mutation, tokenExpiration } };
}
