// Prometheus metrics on their own registry, so several webhooks in one process (tests, `eksid`)
// never collide on prom-client's global registry.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface WebhookMetrics {
  registry: Registry;
  requests: Counter<'code'>;
  mutations: Counter<'mode'>;
  errors: Counter<'reason'>;
  latency: Histogram<'code'>;
}

export function createWebhookMetrics(): WebhookMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'pod_identity_webhook_requests_total',
      help: 'Admission requests received on /mutate, by HTTP status code.',
      labelNames: ['code'],
      registers: [registry],
    }),
    mutations: new Counter({
      name: 'pod_identity_webhook_mutations_total',
      help: 'Pods mutated, by credential mode (irsa, pod-identity).',
      labelNames: ['mode'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'pod_identity_webhook_errors_total',
      help: 'Rejected or failed admission requests, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'pod_identity_webhook_request_duration_seconds',
      help: 'Time to answer an admission request.',
      labelNames: ['code'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
  };
}
