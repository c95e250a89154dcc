import { MAX_INGEST_DETAIL_BYTES, MAX_INGEST_EVENTS, MAX_INGEST_STRING, MAX_INGEST_TRACE_LINES } from './parse-ingest.js';
import { RejectedBatchError } from './reporter-types.js';
import type { DecisionEventInput, TraceLine } from './types.js';

/**
 * The client side of the server's events ingest (parse-ingest.ts), for the agent and the
 * webhook, which run as other processes, maybe on other hosts: `POST <endpoint>/_eksid/events`
 * with `{"events":[…]}` → 200 `{"recorded": n}`; 400 when any event breaks a limit.
 */
export const DECISION_EVENTS_PATH = '/_eksid/events';

/** One event as the ingest takes it: the recorded fields with `time` in ISO 8601. */
type DecisionEventWire = Omit<DecisionEventInput, 'time'> & { time: string };

function clip(text: string): string {
  return text.length <= MAX_INGEST_STRING ? text : `${text.slice(0, MAX_INGEST_STRING - 1)}…`;
}

/** The ingest takes null, not "", for a name nobody knows. */
function name(text: string | null): string | null {
  return text === null || text === '' ? null : clip(text);
}

/** Keeps the first lines and the last (the verdict), saying how many were left out between. */
function fitTrace(trace: readonly TraceLine[]): TraceLine[] {
  const lines = trace.length <= MAX_INGEST_TRACE_LINES
    ? trace
    : [...trace.slice(0, MAX_INGEST_TRACE_LINES - 2), { ok: null, text: `… ${trace.length - MAX_INGEST_TRACE_LINES + 1} trace lines left out …` }, trace[trace.length - 1] as TraceLine];
  return lines.map((line) => (line.text.length <= MAX_INGEST_STRING ? line : { ok: line.ok, text: clip(line.text) }));
}

function fitDetail(detail: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const bytes = Buffer.byteLength(JSON.stringify(detail));
  return bytes <= MAX_INGEST_DETAIL_BYTES ? detail : { truncated: `detail of ${bytes} bytes exceeded ${MAX_INGEST_DETAIL_BYTES}` };
}

/**
 * An event cut to fit the ingest's limits. A too-long message or trace is shortened rather
 * than sent whole: the server refuses a batch with one oversized event, losing all of it.
 */
function decisionEventWire(event: DecisionEventInput): DecisionEventWire {
  return {
    source: event.source,
    action: clip(event.action),
    outcome: event.outcome,
    time: event.time.toISOString(),
    caller: name(event.caller),
    cluster: name(event.cluster),
    namespace: name(event.namespace),
    serviceAccount: name(event.serviceAccount),
    role: name(event.role),
    errorCode: name(event.errorCode),
    errorMessage: event.errorMessage === null ? null : clip(event.errorMessage),
    trace: fitTrace(event.trace),
    detail: fitDetail(event.detail),
  };
}

/** The request body for a batch (callers keep batches at or under MAX_INGEST_EVENTS). */
export function decisionEventsBody(events: readonly DecisionEventInput[]): string {
  if (events.length > MAX_INGEST_EVENTS) throw new TypeError(`at most ${MAX_INGEST_EVENTS} events per batch, got ${events.length}`);
  return JSON.stringify({ events: events.map(decisionEventWire) });
}

// Statuses that will not change if the same batch is sent again: a malformed batch, or a
// server without the ingest (an older eksid, or an endpoint that is not eksid at all).
const REFUSED = new Set([400, 401, 403, 404, 405, 413, 415, 422]);

/** The error for a non-2xx answer: RejectedBatchError (drop now) or a plain Error (retry). */
export function decisionEventsFailure(status: number, body: string): Error {
  const message = `POST ${DECISION_EVENTS_PATH} answered HTTP ${status}${body.trim() === '' ? '' : `: ${body.trim().slice(0, 200)}`}`;
  return REFUSED.has(status) ? new RejectedBatchError(message) : new Error(message);
}
