import type { DecisionFilter } from '@eksid/core';
import type { ServerResponse } from 'node:http';

/** What a follower is sent next: the messages of one bounded page (maybe none) and the cursor after them. */
export interface Page {
  text: string;
  cursor: number;
}

/** Where pages come from (the feed): the trail from a cursor on, as far as one page goes. */
export type PageReader = (cursor: number, filter: DecisionFilter) => Page;

/** After one step: more to send, caught up (or gone), or waiting for the client to drain its socket. */
export type Step = 'more' | 'done' | 'blocked';

/**
 * One open event stream. It holds a cursor, not a queue: each step pulls one page from the
 * cursor on and writes it; a full socket (write() answered false) stops it until the client
 * drains it, and then `onDrain` asks for it to be stepped again. So a client far behind (or a
 * slow reader) costs one page of memory however much it has to catch up, and catch-up and
 * live delivery are one path.
 */
export class Follower {
  private waitingForDrain = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly filter: DecisionFilter,
    private cursor: number,
    private readonly read: PageReader,
    private readonly onDrain: (follower: Follower) => void,
  ) {}

  get gone(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  step(): Step {
    if (this.gone) return 'done';
    if (this.res.writableNeedDrain) return this.block();
    const page = this.read(this.cursor, this.filter);
    // Nothing newer: caught up. The feed steps it again when the trail grows.
    if (page.cursor === this.cursor) return 'done';
    this.cursor = page.cursor;
    if (page.text !== '' && !this.res.write(page.text)) return this.block();
    return 'more';
  }

  /** A comment on a quiet stream; one whose client has not taken what was sent needs none. */
  keepAlive(): void {
    if (!this.gone && !this.res.writableNeedDrain) this.res.write(': keepalive\n\n');
  }

  /** Ends the stream after a failure: the status line is sent, so no error document can follow; the client retries. */
  fail(): void {
    this.res.destroy();
  }

  private block(): Step {
    if (!this.waitingForDrain) {
      this.waitingForDrain = true;
      const resume = (): void => {
        this.res.off('drain', resume);
        this.res.off('close', resume);
        this.waitingForDrain = false;
        if (!this.gone) this.onDrain(this);
      };
      this.res.on('drain', resume);
      this.res.on('close', resume);
    }
    return 'blocked';
  }
}
