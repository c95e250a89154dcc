import { matchesDecisionFilter } from '@eksid/core';
import type { DecisionEvent, DecisionFilter } from '@eksid/core';
import type { ServerContext } from '../context.js';
import type { Page } from './event-follower.js';
import { hintedEventJson } from './hinted-events.js';

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
 * The trail as event-stream pages from any cursor on: live decisions from a bounded window in
 * memory (every follower that keeps up reads there, sharing each message), older ones from the
 * store, a page at a time.
 */
export class TrailPages {
  /** Live decisions, ascending ids; every decision with an id above `recentFrom` is in it. */
  private recent: DecisionEvent[] = [];
  private recentFrom = 0;
  private readonly message: (event: DecisionEvent) => string;

  constructor(
    private readonly ctx: ServerContext,
    private readonly pageRows: number,
    private readonly recentRows: number,
  ) {
    this.message = sseMessages(ctx);
  }

  /** The window starts empty, right after `latestId`: every decision stored later is handed to add(). */
  reset(latestId: number): void {
    this.recent = [];
    this.recentFrom = latestId;
  }

  /** A decision was stored (in id order). */
  add(event: DecisionEvent): void {
    this.recent.push(event);
    const max = this.recentRows;
    if (this.recent.length >= 2 * max) {
      // Halving at twice the bound, not trimming one by one: a shift per decision is O(n).
      this.recentFrom = (this.recent[max - 1] as DecisionEvent).id;
      this.recent = this.recent.slice(max);
    }
  }

  /** The page after `cursor`: from the window when it reaches back that far, else from the store. */
  read(cursor: number, filter: DecisionFilter): Page {
    return cursor >= this.recentFrom ? this.readRecent(cursor, filter) : this.readStored(cursor, filter);
  }

  private readRecent(cursor: number, filter: DecisionFilter): Page {
    const start = firstAfter(this.recent, cursor);
    const end = Math.min(this.recent.length, start + this.pageRows);
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
    const { events, latestId, oldestId } = this.ctx.decisions.page({ ...filter, afterId: cursor, limit: this.pageRows });
    const firstKept = oldestId ?? latestId + 1;
    let text = '';
    if (firstKept > cursor + 1) text = `id: ${firstKept - 1}\nevent: skipped\ndata: ${JSON.stringify({ skipped: firstKept - 1 - cursor, reason: 'pruned' })}\n\n`;
    for (const event of events) text += this.message(event);
    // A short page read everything up to `latestId` (one turn, nothing stored in between).
    const last = events.at(-1)?.id ?? cursor;
    return { text, cursor: events.length === this.pageRows ? last : Math.max(last, latestId) };
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
