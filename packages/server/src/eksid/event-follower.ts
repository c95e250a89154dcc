import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DecisionFilter } from '@eksid/core';
import type { ServerResponse } from 'node:http';

/** What a follower is sent next: the messages of one bounded page (maybe none) and the cursor after them. */
export interface Page {
  text: string;
  cursor: number;
}

/** Where pages come from (the feed): the trail from a cursor on, as far as one page goes. */
export type PageReader = (cursor: number, filter: DecisionFilter) => Page;

/** Resolves once `res` can take more, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * One open event stream. It holds a cursor, not a queue: told that the trail grew, it pulls
 * pages from the cursor on, one per event-loop turn, and stops pulling while its socket's
 * buffer is full (write() answered false) until the client drains it. So a client far behind
 * (or a slow reader) costs one page of memory and never blocks the server, however much it
 * has to catch up; catch-up and live delivery are one path.
 */
export class Follower {
  private pumping = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly filter: DecisionFilter,
    private cursor: number,
    private readonly read: PageReader,
    private readonly onError: (err: unknown) => void,
  ) {}

  get gone(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** A comment on a quiet stream; a stream busy catching up or waiting for its client needs none. */
  keepAlive(): void {
    if (!this.pumping && !this.gone && !this.res.writableNeedDrain) this.res.write(': keepalive\n\n');
  }

  /** The trail may have grown: send what is new, unless already doing so (that run sees it too). */
  wake(): void {
    if (!this.pumping) void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (!this.gone) {
        const page = this.read(this.cursor, this.filter);
        // Nothing newer: caught up. Reading and returning run in one turn, so nothing is missed in between.
        if (page.cursor === this.cursor) return;
        this.cursor = page.cursor;
        if (page.text !== '' && !this.res.write(page.text)) await drained(this.res);
        await nextTurn();
      }
    } catch (err) {
      // The status line is sent: no error document can follow, so end the stream; the client retries.
      this.onError(err);
      this.res.destroy();
    } finally {
      this.pumping = false;
    }
  }
}
