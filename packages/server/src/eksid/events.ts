import type { DecisionEventJson } from '@eksid/core';
import type { ServerContext } from '../context.js';
import { listQuery } from './events-query.js';
import { hintedEventJson } from './hinted-events.js';

/**
 * GET /_eksid/events?after&cluster&denied&limit: the newest matching decisions, oldest first,
 * with the newest id recorded at all, and denied ones with their hints. `eksid events --follow` and the dashboard stream from
 * `latestId`, so nothing recorded between the page and the stream is lost or shown twice.
 */
export function listEvents(ctx: ServerContext, query: Readonly<Record<string, unknown>>): { events: DecisionEventJson[]; latestId: number } {
  const filter = listQuery(query);
  // Both in one turn, so no decision can be stored between them: every later one has a larger id.
  const events = ctx.decisions.list(filter).map(hintedEventJson(ctx));
  return { events, latestId: ctx.decisions.latestId() };
}
