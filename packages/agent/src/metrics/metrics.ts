import { Counter, Histogram, Registry } from 'prom-client';
import type { CacheObserver } from '../credentials/refreshing-cache.js';

/**
 * Prometheus metrics named as the real agent's where it has them
 * (pkg/handlers/eks_credential_handler.go `pod_identity_http_response`,
 * internal/credsretriever/refreshing_cache.go `pod_identity_cache_state`/`_errors`).
 * One registry per agent so several agents can run in one process (eksid exec, tests).
 */
export interface AgentMetrics {
  readonly registry: Registry;
  httpResponse(status: number): void;
  eksAuthCall(seconds: number, outcome: 'success' | 'error'): void;
  readonly cache: CacheObserver;
}

export function createAgentMetrics(): AgentMetrics {
  const registry = new Registry();
  const responses = new Counter({ name: 'pod_identity_http_response', help: 'Pod Identity http response code', labelNames: ['code'], registers: [registry] });
  const cacheState = new Counter({ name: 'pod_identity_cache_state', help: 'The state of credential in cache', labelNames: ['state'], registers: [registry] });
  const cacheErrors = new Counter({
    name: 'pod_identity_cache_errors',
    help: 'Background refresh failures by recoverability and EKS Auth error code',
    labelNames: ['type', 'code'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'pod_identity_eks_auth_request_duration_seconds',
    help: 'Duration of EKS Auth AssumeRoleForPodIdentity calls, retries included',
    labelNames: ['outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    httpResponse: (status) => responses.inc({ code: String(status) }),
    eksAuthCall: (seconds, outcome) => latency.observe({ outcome }, seconds),
    cache: {
      state: (state) => cacheState.inc({ state }),
      error: (type, code) => cacheErrors.inc({ type, code }),
    },
  };
}
