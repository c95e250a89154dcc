import { DecisionDraft } from '@eksid/core';
import type { DecisionSource } from '@eksid/core';
import type { ServerContext } from './context.js';

/**
 * Runs one credential-issuing operation with a DecisionDraft the core actions write into, and
 * records the decision whatever the outcome: allowed with the trace, or denied with the error
 * the client got. The error is rethrown unchanged, so the wire answer stays AWS's own.
 */
export async function recordDecision<T>(
  ctx: ServerContext,
  source: DecisionSource,
  action: string,
  sourceIp: string,
  run: (scoped: ServerContext, draft: DecisionDraft) => T | Promise<T>,
): Promise<T> {
  const draft = new DecisionDraft(source, action);
  draft.detail['sourceIp'] = sourceIp;
  try {
    const result = await run({ ...ctx, audit: draft }, draft);
    ctx.decisions.record(draft.finish(ctx.deps.clock.now()));
    return result;
  } catch (e) {
    ctx.decisions.record(draft.finish(ctx.deps.clock.now(), e));
    throw e;
  }
}
