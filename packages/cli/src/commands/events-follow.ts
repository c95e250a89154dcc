import { setTimeout as pause } from 'node:timers/promises';
import type { DecisionEventJson } from '@eksid/core';
import { adminHeaders } from '../client.js';
import type { EksidTarget } from '../client.js';
import { CliError } from '../errors.js';
import { readServerSentEvents } from '../sse.js';

/** Waits between reconnection attempts: quick after a drop, then no more often than every 5 s. */
const RECONNECT_DELAYS_MS: readonly number[] = [250, 500, 1_000, 2_000, 5_000];

export interface FollowOptions {
  server: EksidTarget;
  /** The stream's query: cluster, denied. */
  query: URLSearchParams;
  /** Stream decisions with a larger id than this. */
  after: number;
  /** Ends following (the process was asked to stop). */
  stop: AbortSignal;
  onEvent(event: DecisionEventJson): void;
  /** One line for the person watching: the server went away, or came back. */
  notice(line: string): void;
  delays?: readonly number[];
}

/** A refusal the server will repeat however often it is asked (a bad filter): no point retrying. */
async function refusal(res: Response): Promise<CliError> {
  const body = (await res.json().catch(() => ({}))) as { message?: unknown };
  return new CliError(typeof body.message === 'string' ? body.message : `${res.url} answered HTTP ${res.status}`);
}

/** The server is at its limit of streams (503): wait as long as it says, then ask again. */
class Busy extends Error {
  constructor(message: string, readonly retryMs: number | undefined) {
    super(message);
  }
}

async function busy(res: Response): Promise<Busy> {
  const body = (await res.json().catch(() => ({}))) as { message?: unknown };
  const seconds = Number(res.headers.get('retry-after') ?? NaN);
  return new Busy(typeof body.message === 'string' ? body.message : `${res.url} answered HTTP 503`, Number.isSafeInteger(seconds) && seconds >= 0 ? seconds * 1000 : undefined);
}

/** How many decisions a `skipped` message says were pruned before this follower read them. */
function skippedOf(data: string): number | undefined {
  try {
    const skipped = (JSON.parse(data) as { skipped?: unknown }).skipped;
    return Number.isSafeInteger(skipped) ? (skipped as number) : undefined;
  } catch {
    return undefined;
  }
}

/** A message's event; one that does not parse is skipped, as reconnecting would only fetch it again. */
function decisionOf(data: string): DecisionEventJson | undefined {
  try {
    const event = JSON.parse(data) as DecisionEventJson;
    return Number.isSafeInteger(event.id) ? event : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Prints decisions from /_eksid/events/stream until `stop`. When the server drops the stream
 * (it restarted, a proxy timed out) or is serving all the streams it can, this reconnects with
 * Last-Event-ID, so nothing recorded meanwhile is missed or shown twice, and says so once per
 * outage rather than once per try. Decisions the server pruned before this follower read them
 * cannot be shown: it says how many it skipped, and goes on after them.
 */
export async function followEvents(options: FollowOptions): Promise<void> {
  const delays = options.delays ?? RECONNECT_DELAYS_MS;
  let lastId = options.after;
  let failures = 0;
  /** Why the last tries failed, once said: the server is down, or full. */
  let outage: 'unreachable' | 'busy' | undefined;
  while (!options.stop.aborted) {
    let wait: number | undefined;
    try {
      const query = new URLSearchParams(options.query);
      query.set('after', String(lastId));
      const res = await fetch(`${options.server.endpoint}/_eksid/events/stream?${query}`, {
        headers: { ...adminHeaders(options.server), accept: 'text/event-stream', 'last-event-id': String(lastId) },
        signal: options.stop,
      });
      if (res.status >= 400 && res.status < 500) throw await refusal(res);
      if (res.status === 503) throw await busy(res);
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      if (outage) options.notice(`reconnected to ${options.server.endpoint}`);
      outage = undefined;
      failures = 0;
      for await (const message of readServerSentEvents(res.body)) {
        if (message.event === 'skipped') {
          const skipped = skippedOf(message.data);
          const resumeAfter = Number(message.id);
          if (skipped === undefined || !Number.isSafeInteger(resumeAfter)) continue;
          options.notice(`fell behind: skipped ${skipped} events (pruned from the trail before they were read)`);
          lastId = resumeAfter;
          continue;
        }
        if (message.event !== 'decision') continue;
        const event = decisionOf(message.data);
        if (event === undefined) continue;
        lastId = event.id;
        options.onEvent(event);
      }
    } catch (err) {
      if (err instanceof CliError) throw err;
      if (options.stop.aborted) return;
      if (err instanceof Busy) {
        wait = err.retryMs;
        if (outage !== 'busy') options.notice(`${err.message}; retrying (Ctrl-C to stop)`);
        outage = 'busy';
      } else if (outage !== 'unreachable' && failures > 0) {
        // Dropped mid-stream: just reconnect. Not even connecting: tell the person watching, once.
        options.notice(`cannot reach ${options.server.endpoint}; retrying until it is back (Ctrl-C to stop)`);
        outage = 'unreachable';
      }
    }
    try {
      await pause(wait ?? delays[Math.min(failures, delays.length - 1)], undefined, { signal: options.stop });
    } catch {
      return;
    }
    failures++;
  }
}
