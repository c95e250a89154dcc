import { decisionEventJson, decisionHints, storeFacts } from '@eksid/core';
import type { DecisionEvent, DecisionEventJson } from '@eksid/core';
import type { ServerContext } from '../context.js';

/**
 * A decision as the events API and stream send it: a denied one with its hints, computed here
 * when it is read (never while the request that made it is answered). Allowed ones cost nothing.
 * The facts are read per event: ctx.config is set again once the server knows its public URL.
 */
export function hintedEventJson(ctx: ServerContext): (event: DecisionEvent) => DecisionEventJson {
  return (event) => decisionEventJson(event, event.outcome === 'denied' ? decisionHints(event, storeFacts(ctx.store, ctx.config)) : []);
}
