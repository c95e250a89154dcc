import type { DecisionEvent } from './types.js';

/**
 * A decision as eksid's HTTP API and `eksid events --json` carry it: `time` in ISO 8601, and
 * `hints`, what to change when it was denied (explain/hints), computed when read; absent from
 * servers that predate them.
 */
export type DecisionEventJson = Omit<DecisionEvent, 'time'> & { time: string; hints?: readonly string[] };

export function decisionEventJson(event: DecisionEvent, hints: readonly string[] = []): DecisionEventJson {
  return { ...event, time: event.time.toISOString(), hints };
}
