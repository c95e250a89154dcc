import type { DecisionEvent, DecisionFilter } from './types.js';

/**
 * Whether a live event passes a filter, as the store's list() would select it: the streams
 * apply this to events as they are recorded, the store applies the same rules in SQL. `limit`
 * bounds a page, not a stream, so it plays no part here.
 */
export function matchesDecisionFilter(event: DecisionEvent, filter: DecisionFilter): boolean {
  if (filter.afterId !== undefined && event.id <= filter.afterId) return false;
  if (filter.cluster !== undefined && event.cluster !== filter.cluster) return false;
  if (filter.deniedOnly && event.outcome !== 'denied') return false;
  return true;
}
