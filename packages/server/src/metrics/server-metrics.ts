import { Registry } from 'prom-client';
import { DecisionCounts } from './decision-counts.js';
import { RequestDurations } from './request-durations.js';

/**
 * One server's Prometheus metrics, on a registry of its own: several servers run in one
 * process (tests, embedding), and prom-client's global registry would mix them or refuse the
 * second one's names. No default process metrics: their GC observer and event-loop monitor
 * would run per server whether anyone scrapes or not.
 */
export interface ServerMetrics {
  readonly registry: Registry;
  readonly requests: RequestDurations;
  readonly decisions: DecisionCounts;
}

export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  return { registry, requests: new RequestDurations(registry), decisions: new DecisionCounts(registry) };
}
