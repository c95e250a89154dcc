import type { DecisionEventInput } from '@eksid/core';
import { sampleDecision } from '@eksid/core/testing';
import { ADMIN_HEADERS } from '../test-server.js';

/* Test support for the audit-trail routes: a decision to record, and a reader for the event stream. Not exported from the package. */

export function decision(over: Partial<DecisionEventInput> = {}): DecisionEventInput {
  return sampleDecision({ time: new Date('2026-03-01T11:00:00Z'), ...over });
}

/** One block of a server-sent event stream, as sent: a comment (`: keepalive`) or `id:…\nevent:…\ndata:…`. */
export interface SseStream {
  response: Response;
  /** The next block, without its blank-line terminator; fails after `ms`. */
  next(ms?: number): Promise<string>;
  close(): void;
}

/** GET of the event stream: the one place these tests build that request. `headers` replace the admin token's, which every stream needs. */
export function requestStream(url: string, headers: Readonly<Record<string, string>> = ADMIN_HEADERS, signal?: AbortSignal): Promise<Response> {
  return fetch(url, { headers, signal });
}

/** `headers` replace the admin token's, which every stream of /_eksid/events/stream needs. */
export async function openStream(url: string, headers: Readonly<Record<string, string>> = ADMIN_HEADERS): Promise<SseStream> {
  const controller = new AbortController();
  const response = await requestStream(url, headers, controller.signal);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  // A read that outlived a timed-out next() is kept for the following call, so no chunk is lost.
  let pending: ReturnType<typeof reader.read> | undefined;
  return {
    response,
    async next(ms = 5_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const end = buffered.indexOf('\n\n');
        if (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          return block;
        }
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no stream message within ${ms} ms`)), Math.max(0, deadline - Date.now()));
        });
        try {
          pending ??= reader.read();
          const { value, done } = await Promise.race([pending, timeout]);
          pending = undefined;
          if (done) throw new Error('the stream ended');
          buffered += value;
        } finally {
          clearTimeout(timer);
        }
      }
    },
    close: () => controller.abort(),
  };
}
