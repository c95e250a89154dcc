import type { DecisionEvent } from './types.js';

/** A decision as eksid's HTTP API and `eksid events --json` carry it: `time` in ISO 8601. */
export type DecisionEventJson = Omit<DecisionEvent, 'time'> & { time: string };

export function decisionEventJson(event: DecisionEvent): DecisionEventJson {
  return { ...event, time: event.time.toISOString() };
}
