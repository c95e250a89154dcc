import { ServiceUnavailableError } from '@eksid/core';
import type { DecisionFilter } from '@eksid/core';
import type { Request, RequestHandler, Response } from 'express';
import type { ServerContext } from '../context.js';
import { requestIdOf } from '../protocols/request-id.js';
import { sendRestJsonError } from '../protocols/rest-json.js';
import { DEFAULT_FEED_OPTIONS, EventFeed } from './event-feed.js';
import type { FeedOptions } from './event-feed.js';
import { cursorOf, streamQuery } from './events-query.js';

/** Seconds a refused stream is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Where replay starts: the Last-Event-ID header an EventSource sends when it reconnects wins
 * over `after` (which it repeats from its original URL); with neither, only new decisions.
 */
function replayCursor(req: Request, after: number | undefined): number | undefined {
  const lastEventId = req.get('last-event-id');
  return lastEventId !== undefined && lastEventId !== '' ? cursorOf(lastEventId.trim(), 'Last-Event-ID') : after;
}

/**
 * Past the cap: 503 with Retry-After (RFC 9110 §15.6.4, a temporary overload), not 429 (RFC
 * 6585 §4: this user sent too many requests). The limit is the server's, not this client's
 * rate, and our clients treat the two classes as they should: `eksid events --follow` gives up
 * on a 4xx (a bad filter will not get better) and retries a 5xx, and the dashboard retries any
 * failed stream. An EventSource fails the connection on any status but 200 (the HTML
 * standard's event-source processing), so for browsers the code is moot.
 */
function refuse(ctx: ServerContext, res: Response, max: number): void {
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  sendRestJsonError(ctx, res, new ServiceUnavailableError(`eksid serves at most ${max} event streams at once`));
}

function open(ctx: ServerContext, res: Response): void {
  requestIdOf(ctx, res);
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no', Connection: 'keep-alive' });
  res.flushHeaders();
  res.write(': connected\n\n');
}

/**
 * GET /_eksid/events/stream?cluster&denied&after: server-sent events, one `decision` message
 * per recorded decision (stored ones after the cursor first, then live ones), filtered like
 * the list, and a `skipped` message when decisions after the cursor were pruned before they
 * could be sent. Every stream is served in bounded pages (event-feed.ts), however far behind.
 * `options` are for tests.
 */
export function streamEvents(ctx: ServerContext, options: Partial<FeedOptions> = {}): RequestHandler {
  const feed = new EventFeed(ctx, { ...DEFAULT_FEED_OPTIONS, ...options });
  return (req, res) => {
    let asked: { filter: DecisionFilter; cursor: number | undefined };
    try {
      const query = streamQuery(req.query as Record<string, unknown>);
      asked = { filter: query.filter, cursor: replayCursor(req, query.after) };
    } catch (err) {
      sendRestJsonError(ctx, res, err);
      return;
    }
    if (feed.full) {
      refuse(ctx, res, feed.maxStreams);
      return;
    }
    open(ctx, res);
    try {
      feed.follow(res, asked.filter, asked.cursor);
    } catch (err) {
      // The status line is sent: no error document can follow, so end the stream; the client retries.
      ctx.log.error({ err }, 'event stream failed to start');
      res.destroy();
    }
  };
}
