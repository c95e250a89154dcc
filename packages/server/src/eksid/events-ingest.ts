import { parseIngestBatch } from '@eksid/core';
import type { ServerContext } from '../context.js';

/**
 * POST /_eksid/events: decisions made outside the server (node agents, the admission webhook)
 * join the same trail as STS's and EKS Auth's. All or nothing: one bad event refuses the batch.
 */
export function ingestEvents(ctx: ServerContext, body: unknown): { recorded: number } {
  const events = parseIngestBatch(body, ctx.deps.clock.now());
  for (const event of events) ctx.decisions.record(event);
  return { recorded: events.length };
}
