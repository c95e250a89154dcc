import { decisionHints, storeFacts } from '@eksid/core';
import type { ServerContext } from '../context.js';
import type { HintsOf } from './decisions.js';

/** A denied row's hints, read from the account when the row is rendered (ctx.config is set again once the public URL is known). */
export function hintsOf(ctx: ServerContext): HintsOf {
  return (event) => decisionHints(event, storeFacts(ctx.store, ctx.config));
}
