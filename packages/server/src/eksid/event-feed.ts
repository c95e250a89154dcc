import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DecisionEvent, DecisionFilter } from '@eksid/core';
import type { ServerResponse } from 'node:http';
import type { ServerContext } from '../context.js';
import { Follower } from './event-follower.js';
import type { Step } from './event-follower.js';
import { TrailPages } from './event-pages.js';

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
  /** Streams are stepped for about this long per event-loop turn, then requests get their turn. */
  turnMs: number;
}

export const DEFAULT_FEED_OPTIONS: FeedOptions = {
  maxStreams: 64,
  keepaliveMs: 15_000,
  // Nobody watching a terminal or the dashboard tells 100 ms from 0; the server does: handing
  // each decision to every stream as it is made was one socket write per stream per
  // credential request, on the request path.
  fanOutMs: 100,
  // Small pages and short turns keep a request's wait short while many streams catch up; the
  // trade-off was measured with `BENCH_ONLY=events pnpm bench` (docs/performance.md).
  pageRows: 50,
  recentRows: 1_000,
  turnMs: 2,
};

/**
 * Every open event stream of one server, fed by ONE subscription to the decision log (held
 * while any stream is open), one keepalive timer and one stepping loop; pages come from
 * event-pages.ts. Each stream is a cursor (event-follower.ts) that the loop steps a page at a time,
 * round robin, for about `turnMs` per event-loop turn: however many streams catch up at once,
 * requests wait at most about one turn.
 */
export class EventFeed {
  private readonly followers = new Set<Follower>();
  /** Followers with something to send, in the order they will be stepped. */
  private readonly due = new Set<Follower>();
  private stepping = false;
  private readonly pages: TrailPages;
  private unsubscribe: (() => void) | undefined;
  private keepalive: NodeJS.Timeout | undefined;
  private fanOut: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: ServerContext,
    private readonly options: FeedOptions = DEFAULT_FEED_OPTIONS,
  ) {
    this.pages = new TrailPages(ctx, options.pageRows, options.recentRows);
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
    const follower = new Follower(res, filter, from, (at, f) => this.pages.read(at, f), (f) => this.wake(f));
    this.followers.add(follower);
    res.on('close', () => this.leave(follower));
    // A client that left before the handler ran had its 'close' before we listened for it.
    if (!res.socket || res.socket.destroyed) this.leave(follower);
    else this.wake(follower);
  }

  private wake(follower: Follower): void {
    this.due.add(follower);
    if (!this.stepping) void this.stepAll();
  }

  private async stepAll(): Promise<void> {
    this.stepping = true;
    try {
      while (this.due.size > 0) {
        const turnEnds = performance.now() + this.options.turnMs;
        do {
          const follower = this.due.values().next().value as Follower;
          this.due.delete(follower);
          if (this.stepOne(follower) === 'more') this.due.add(follower);
        } while (this.due.size > 0 && performance.now() < turnEnds);
        await nextTurn();
      }
    } finally {
      this.stepping = false;
    }
  }

  private stepOne(follower: Follower): Step {
    try {
      return follower.step();
    } catch (err) {
      this.ctx.log.error({ err }, 'event stream read failed');
      follower.fail();
      return 'done';
    }
  }

  /**
   * A cursor past the newest id ever handed out comes from another trail: the client followed a
   * server that restarted with a fresh store (`--data :memory:`). Everything here is new to it.
   */
  private fromThisTrail(cursor: number): number {
    return cursor > this.ctx.decisions.latestId() ? 0 : cursor;
  }

  private leave(follower: Follower): void {
    this.due.delete(follower);
    if (this.followers.delete(follower) && this.followers.size === 0) this.stop();
  }

  private start(): void {
    if (this.unsubscribe) return;
    // subscribe() writes out what is queued first, so the window starts right after the newest stored id.
    this.unsubscribe = this.ctx.decisions.subscribe((event) => this.told(event));
    this.pages.reset(this.ctx.decisions.latestId());
    this.keepalive = setInterval(() => this.keepAlive(), this.options.keepaliveMs).unref();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearInterval(this.keepalive);
    clearTimeout(this.fanOut);
    this.fanOut = undefined;
    // Lets go of the window's decisions; start() places it again before any stream reads.
    this.pages.reset(0);
  }

  /** A decision was stored: keep it in the window, and wake the streams at the next fan-out. */
  private told(event: DecisionEvent): void {
    this.pages.add(event);
    this.fanOut ??= setTimeout(() => {
      this.fanOut = undefined;
      for (const follower of this.followers) this.wake(follower);
    }, this.options.fanOutMs).unref();
  }

  private keepAlive(): void {
    for (const follower of this.followers) if (!this.due.has(follower)) follower.keepAlive();
  }
}
