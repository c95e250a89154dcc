import { matchesDecisionFilter } from '@eksid/core';
import type { DecisionEvent, DecisionFilter } from '@eksid/core';
import type { ServerResponse } from 'node:http';
import type { ServerContext } from '../context.js';
import { Follower } from './event-follower.js';
import type { Page } from './event-follower.js';
import { hintedEventJson } from './hinted-events.js';

export interface FeedOptions {
  /** Streams served at once; the next one is refused until one closes. */
  maxStreams: number;
  /** A comment this often keeps proxies and idle timeouts from closing a quiet stream. */
  keepaliveMs: number;
  /** New decisions are handed to the streams at most this often, in one write per stream. */
  fanOutMs: number;
  /** Decisions read (from the store or the recent ones) per page: what one turn costs a follower. */
  pageRows: number;
  /** Live decisions kept in memory, so followers that keep up never read the store. */
  recentRows: number;
}

export const DEFAULT_FEED_OPTIONS: FeedOptions = {
  maxStreams: 64,
  keepaliveMs: 15_000,
  // Nobody watching a terminal or the dashboard tells 100 ms from 0; the server does: handing
  // each decision to every stream as it is made was one socket write per stream per
  // credential request, on the request path.
  fanOutMs: 100,
  pageRows: 200,
  recentRows: 1_000,
};

/** The id of the first event in `events` (ascending ids) with an id above `cursor`; events.length if none. */
function firstAfter(events: readonly DecisionEvent[], cursor: number): number {
  let [low, high] = [0, events.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((events[mid] as DecisionEvent).id <= cursor) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Every open event stream of one server, fed by ONE subscription to the decision log (held
 * while any stream is open) and one keepalive timer. Live decisions are kept in a bounded
 * in-memory window; a stream further behind than the window reads the store in pages. Each
 * stream is a cursor (event-follower.ts), so the same page reader serves catch-up and live.
 */
export class EventFeed {
  private readonly followers = new Set<Follower>();
  /** Live decisions, ascending ids; every decision with an id above `recentFrom` is in it. */
  private recent: DecisionEvent[] = [];
  private recentFrom = 0;
  private unsubscribe: (() => void) | undefined;
  private keepalive: NodeJS.Timeout | undefined;
  private fanOut: NodeJS.Timeout | undefined;
  private readonly message: (event: DecisionEvent) => string;

  constructor(
    private readonly ctx: ServerContext,
    private readonly options: FeedOptions = DEFAULT_FEED_OPTIONS,
  ) {
    this.message = sseMessages(ctx);
  }

  get full(): boolean {
    return this.followers.size >= this.options.maxStreams;
  }

  get maxStreams(): number {
    return this.options.maxStreams;
  }

  /**
   * Streams to `res` (already open) from `cursor` on: stored decisions first, then live ones;
   * with no cursor, only decisions made from now on.
   */
  follow(res: ServerResponse, filter: DecisionFilter, cursor: number | undefined): void {
    const from = cursor === undefined ? this.ctx.decisions.latestId() : this.fromThisTrail(cursor);
    this.start();
    const follower = new Follower(res, filter, from, (at, f) => this.read(at, f), (err) => this.ctx.log.error({ err }, 'event stream read failed'));
    this.followers.add(follower);
    res.on('close', () => this.leave(follower));
    // A client that left before the handler ran had its 'close' before we listened for it.
    if (!res.socket || res.socket.destroyed) this.leave(follower);
    else follower.wake();
  }

  /**
   * A cursor past the newest id ever handed out comes from another trail: the client followed a
   * server that restarted with a fresh store (`--data :memory:`). Everything here is new to it.
   */
  private fromThisTrail(cursor: number): number {
    return cursor > this.ctx.decisions.latestId() ? 0 : cursor;
  }

  private leave(follower: Follower): void {
    if (this.followers.delete(follower) && this.followers.size === 0) this.stop();
  }

  private start(): void {
    if (this.unsubscribe) return;
    // subscribe() writes out what is queued first, so the window starts right after the newest stored id.
    this.unsubscribe = this.ctx.decisions.subscribe((event) => this.told(event));
    this.recentFrom = this.ctx.decisions.latestId();
    this.keepalive = setInterval(() => this.keepAlive(), this.options.keepaliveMs).unref();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearInterval(this.keepalive);
    clearTimeout(this.fanOut);
    this.fanOut = undefined;
    this.recent = [];
  }

  /** A decision was stored: keep it in the window, and wake the streams at the next fan-out. */
  private told(event: DecisionEvent): void {
    this.recent.push(event);
    const max = this.options.recentRows;
    if (this.recent.length >= 2 * max) {
      // Halving at twice the bound, not trimming one by one: a shift per decision is O(n).
      this.recentFrom = (this.recent[max - 1] as DecisionEvent).id;
      this.recent = this.recent.slice(max);
    }
    this.fanOut ??= setTimeout(() => {
      this.fanOut = undefined;
      for (const follower of this.followers) follower.wake();
    }, this.options.fanOutMs).unref();
  }

  private keepAlive(): void {
    for (const follower of this.followers) follower.keepAlive();
  }

  /** The page after `cursor`: from the window when it reaches back that far, else from the store. */
  private read(cursor: number, filter: DecisionFilter): Page {
    return cursor >= this.recentFrom ? this.readRecent(cursor, filter) : this.readStored(cursor, filter);
  }

  private readRecent(cursor: number, filter: DecisionFilter): Page {
    const start = firstAfter(this.recent, cursor);
    const end = Math.min(this.recent.length, start + this.options.pageRows);
    let text = '';
    for (let i = start; i < end; i++) {
      const event = this.recent[i] as DecisionEvent;
      if (matchesDecisionFilter(event, filter)) text += this.message(event);
    }
    return { text, cursor: end > start ? (this.recent[end - 1] as DecisionEvent).id : cursor };
  }

  /**
   * A page from the store. Decisions pruned before this follower read them are gone: it is told
   * how many ids it skips (`skipped` message, whose id moves its Last-Event-ID past the gap).
   */
  private readStored(cursor: number, filter: DecisionFilter): Page {
    const log = this.ctx.decisions;
    const latest = log.latestId();
    const firstKept = log.oldestId() ?? latest + 1;
    let text = '';
    let from = cursor;
    if (firstKept > cursor + 1) {
      from = firstKept - 1;
      text = `id: ${from}\nevent: skipped\ndata: ${JSON.stringify({ skipped: from - cursor, reason: 'pruned' })}\n\n`;
    }
    const events = log.page({ ...filter, afterId: from, limit: this.options.pageRows });
    for (const event of events) text += this.message(event);
    // A short page read everything up to `latest` (one turn, nothing recorded in between).
    const last = events.at(-1)?.id ?? from;
    return { text, cursor: events.length === this.options.pageRows ? last : Math.max(last, latest) };
  }
}

/**
 * One message per decision, whichever streams it goes to: the window hands every follower the
 * same event object, so a denied decision's hints are computed once however many follow.
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
