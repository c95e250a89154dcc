import { matchesDecisionFilter } from '@eksid/core';
import type { DecisionEvent, DecisionFilter } from '@eksid/core';
import type { Request, RequestHandler, Response } from 'express';
import type { ServerContext } from '../context.js';
import { requestIdOf } from '../protocols/request-id.js';
import { sendRestJsonError } from '../protocols/rest-json.js';
import { MAX_LIMIT, cursorOf, streamQuery } from './events-query.js';
import { hintedEventJson } from './hinted-events.js';

/** A comment this often keeps proxies and idle timeouts from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;
/**
 * A client that reads slower than decisions arrive is dropped once this much waits unsent:
 * it reconnects with Last-Event-ID and catches up from the store, instead of the server
 * holding an ever-growing buffer for it.
 */
const MAX_UNSENT_BYTES = 4 * 1024 * 1024;

/**
 * One message per decision, whichever streams it goes to: the log hands every listener the same
 * event object, so a denied decision's hints are computed once however many follow.
 */
function sseMessages(ctx: ServerContext): (event: DecisionEvent) => string {
  const json = hintedEventJson(ctx);
  const made = new WeakMap<DecisionEvent, string>();
  return (event) => {
    let message = made.get(event);
    if (message === undefined) {
      // JSON.stringify escapes CR and LF, so the data is one line as SSE requires.
      message = `id: ${event.id}\nevent: decision\ndata: ${JSON.stringify(json(event))}\n\n`;
      made.set(event, message);
    }
    return message;
  };
}

/**
 * Where replay starts: the Last-Event-ID header an EventSource sends when it reconnects wins
 * over `after` (which it repeats from its original URL); with neither, only new decisions.
 */
function replayCursor(req: Request, after: number | undefined): number | undefined {
  const lastEventId = req.get('last-event-id');
  return lastEventId !== undefined && lastEventId !== '' ? cursorOf(lastEventId.trim(), 'Last-Event-ID') : after;
}

/**
 * A cursor past the newest id ever handed out comes from another trail: the client followed a
 * server that restarted with a fresh store (`--data :memory:`). Everything here is new to it.
 */
function fromThisTrail(ctx: ServerContext, cursor: number): number {
  return cursor > ctx.decisions.latestId() ? 0 : cursor;
}

function open(ctx: ServerContext, res: Response): void {
  requestIdOf(ctx, res);
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no', Connection: 'keep-alive' });
  res.flushHeaders();
}

/**
 * GET /_eksid/events/stream?cluster&denied&after: server-sent events, one `decision` message
 * per recorded decision (stored ones after the cursor first, then live ones), filtered like
 * the list. Replay is bounded like a page: a client more than 10 000 matching decisions
 * behind gets the newest 10 000. `keepaliveMs` is for tests.
 */
export function streamEvents(ctx: ServerContext, keepaliveMs = KEEPALIVE_MS): RequestHandler {
  const sseMessage = sseMessages(ctx);
  return (req, res) => {
    let asked: { filter: DecisionFilter; cursor: number | undefined };
    try {
      const query = streamQuery(req.query as Record<string, unknown>);
      asked = { filter: query.filter, cursor: replayCursor(req, query.after) };
    } catch (err) {
      sendRestJsonError(ctx, res, err);
      return;
    }
    const { filter, cursor } = asked;
    open(ctx, res);
    let closed = false;
    let unsubscribe = (): void => {};
    const send = (text: string): void => {
      // The socket may be gone before 'close' is seen; writing then must be a no-op, not a throw.
      if (closed || res.destroyed || res.writableEnded) return;
      res.write(text);
      if (res.writableLength > MAX_UNSENT_BYTES) res.destroy();
    };
    const keepalive = setInterval(() => send(': keepalive\n\n'), keepaliveMs).unref();
    res.on('close', () => {
      closed = true;
      clearInterval(keepalive);
      unsubscribe();
    });
    send(': connected\n\n');
    // Replay and subscribe in one turn: the log calls listeners only when it flushes, and
    // list/flush write out everything already decided, so the live feed starts right after it.
    try {
      if (cursor === undefined) ctx.decisions.flush();
      else for (const event of ctx.decisions.list({ ...filter, afterId: fromThisTrail(ctx, cursor), limit: MAX_LIMIT })) send(sseMessage(event));
    } catch (err) {
      // The status line is sent: no error document can follow, so end the stream; the client retries.
      ctx.log.error({ err }, 'event stream replay failed');
      res.destroy();
      return;
    }
    // A client that left before the handler ran had its 'close' before we listened for it.
    if (closed || res.destroyed || !res.socket || res.socket.destroyed) {
      clearInterval(keepalive);
      return;
    }
    unsubscribe = ctx.decisions.subscribe((event) => {
      if (matchesDecisionFilter(event, filter)) send(sseMessage(event));
    });
  };
}
