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
 * (it restarted, a proxy timed out) this reconnects with Last-Event-ID, so nothing recorded
 * meanwhile is missed or shown twice, and says so once per outage rather than once per try.
 */
export async function followEvents(options: FollowOptions): Promise<void> {
  const delays = options.delays ?? RECONNECT_DELAYS_MS;
  let lastId = options.after;
  let failures = 0;
  let unreachable = false;
  while (!options.stop.aborted) {
    try {
      const query = new URLSearchParams(options.query);
      query.set('after', String(lastId));
      const res = await fetch(`${options.server.endpoint}/_eksid/events/stream?${query}`, {
        headers: { ...adminHeaders(options.server), accept: 'text/event-stream', 'last-event-id': String(lastId) },
        signal: options.stop,
      });
      if (res.status >= 400 && res.status < 500) throw await refusal(res);
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      if (unreachable) options.notice(`reconnected to ${options.server.endpoint}`);
      unreachable = false;
      failures = 0;
      for await (const message of readServerSentEvents(res.body)) {
        if (message.event !== 'decision') continue;
        const event = decisionOf(message.data);
        if (event === undefined) continue;
        lastId = event.id;
        options.onEvent(event);
      }
    } catch (err) {
      if (err instanceof CliError) throw err;
      if (options.stop.aborted) return;
      // Dropped mid-stream: just reconnect. Not even connecting: tell the person watching, once.
      if (!unreachable && failures > 0) {
        options.notice(`cannot reach ${options.server.endpoint}; retrying until it is back (Ctrl-C to stop)`);
        unreachable = true;
      }
    }
    try {
      await pause(delays[Math.min(failures, delays.length - 1)], undefined, { signal: options.stop });
    } catch {
      return;
    }
    failures++;
  }
}
