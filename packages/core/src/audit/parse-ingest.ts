import { InvalidParameterError } from '../eks/errors.js';
import { INGESTED_SOURCES } from './types.js';
import type { DecisionEventInput, DecisionOutcome, DecisionSource, DecisionSubject, TraceLine } from './types.js';

/*
 * The body of POST /_eksid/events, where node agents and the admission webhook report the
 * decisions they made. It comes from outside the server, so it is narrowed field by field and
 * bounded: a runaway reporter must not be able to fill the audit table with megabyte rows.
 * Every refusal names the offending field, e.g. `events[3].outcome must be "allowed" or "denied"`.
 */

export const MAX_INGEST_EVENTS = 500;
export const MAX_INGEST_STRING = 2048;
export const MAX_INGEST_TRACE_LINES = 200;
export const MAX_INGEST_DETAIL_BYTES = 8192;


const SUBJECT_FIELDS: readonly (keyof DecisionSubject)[] = ['caller', 'cluster', 'namespace', 'serviceAccount', 'role'];
const FIELDS = ['source', 'action', 'outcome', 'time', ...SUBJECT_FIELDS, 'errorCode', 'errorMessage', 'trace', 'detail'];

// RFC 3339 as Date#toISOString and Go's time.RFC3339Nano write it; Date.parse alone would take "March 1".
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function refuse(path: string, problem: string): InvalidParameterError {
  return new InvalidParameterError(`${path} ${problem}`);
}

/**
 * A string field; null or absent mean "not known". Names (`cluster`, `errorCode`…) must not be
 * empty, free text (`errorMessage`, trace text) may be: an upstream error can have no message.
 */
function text(value: unknown, path: string, options: { required?: boolean; allowEmpty?: boolean } = {}): string | null {
  if (value === undefined || value === null) {
    if (options.required) throw refuse(path, 'is required');
    return null;
  }
  if (typeof value !== 'string') throw refuse(path, `must be a string, got ${Array.isArray(value) ? 'a list' : typeof value}`);
  if (value === '' && !options.allowEmpty) throw refuse(path, 'must not be empty (leave it out when not known)');
  if (value.length > MAX_INGEST_STRING) throw refuse(path, `must be at most ${MAX_INGEST_STRING} characters, got ${value.length}`);
  return value;
}

function timeOf(value: unknown, path: string, now: Date): Date {
  if (value === undefined || value === null) return now;
  const time = typeof value === 'string' && ISO_TIME.test(value) ? new Date(value) : undefined;
  if (time === undefined || Number.isNaN(time.getTime())) throw refuse(path, 'must be an ISO 8601 time such as 2026-03-01T12:00:00Z');
  return time;
}

function traceOf(value: unknown, path: string): TraceLine[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw refuse(path, 'must be a list of {ok, text}');
  if (value.length > MAX_INGEST_TRACE_LINES) throw refuse(path, `must have at most ${MAX_INGEST_TRACE_LINES} lines, got ${value.length}`);
  return value.map((line: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(line)) throw refuse(at, 'must be an object {ok, text}');
    for (const key of Object.keys(line)) if (key !== 'ok' && key !== 'text') throw refuse(`${at}.${key}`, 'is not a known field (expected ok, text)');
    const ok = line['ok'];
    if (ok !== true && ok !== false && ok !== null) throw refuse(`${at}.ok`, 'must be true, false or null');
    return { ok, text: text(line['text'], `${at}.text`, { required: true, allowEmpty: true }) as string };
  });
}

function detailOf(value: unknown, path: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw refuse(path, 'must be an object');
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > MAX_INGEST_DETAIL_BYTES) throw refuse(path, `must be at most ${MAX_INGEST_DETAIL_BYTES} bytes as JSON, got ${bytes}`);
  return { ...value };
}

function eventOf(raw: unknown, path: string, now: Date): DecisionEventInput {
  if (!isObject(raw)) throw refuse(path, 'must be an object');
  // A misspelt field (`serviceaccount`) would otherwise be dropped without a word.
  for (const key of Object.keys(raw)) if (!FIELDS.includes(key)) throw refuse(`${path}.${key}`, `is not a known field (expected one of: ${FIELDS.join(', ')})`);
  const source = raw['source'];
  if (!INGESTED_SOURCES.includes(source as DecisionSource)) {
    throw refuse(`${path}.source`, 'must be "agent" or "webhook" (sts and eks-auth decisions are recorded by the server itself)');
  }
  const outcome = raw['outcome'];
  if (outcome !== 'allowed' && outcome !== 'denied') throw refuse(`${path}.outcome`, 'must be "allowed" or "denied"');
  const subject = Object.fromEntries(SUBJECT_FIELDS.map((field) => [field, text(raw[field], `${path}.${field}`)])) as unknown as DecisionSubject;
  const errorCode = text(raw['errorCode'], `${path}.errorCode`);
  const errorMessage = text(raw['errorMessage'], `${path}.errorMessage`, { allowEmpty: true });
  // An allowed decision answered no error; one carrying a code would read as both at once.
  if (outcome === 'allowed' && (errorCode !== null || errorMessage !== null)) {
    throw refuse(`${path}.${errorCode !== null ? 'errorCode' : 'errorMessage'}`, 'must be left out when outcome is "allowed"');
  }
  return {
    time: timeOf(raw['time'], `${path}.time`, now),
    source: source as DecisionSource,
    action: text(raw['action'], `${path}.action`, { required: true }) as string,
    outcome: outcome as DecisionOutcome,
    ...subject,
    errorCode,
    errorMessage,
    trace: traceOf(raw['trace'], `${path}.trace`),
    detail: detailOf(raw['detail'], `${path}.detail`),
  };
}

/**
 * `{"events": [...]}` → the decisions to record, in order. `now` stands in for a missing `time`.
 * Throws InvalidParameterException (400) naming the first bad field; nothing is recorded then.
 */
export function parseIngestBatch(raw: unknown, now: Date): DecisionEventInput[] {
  if (!isObject(raw) || !Array.isArray(raw['events'])) throw new InvalidParameterError('The request body must be a JSON object {"events": [...]}');
  for (const key of Object.keys(raw)) if (key !== 'events') throw refuse(key, 'is not a known field (expected events)');
  const events = raw['events'] as unknown[];
  if (events.length > MAX_INGEST_EVENTS) throw refuse('events', `must have at most ${MAX_INGEST_EVENTS} events per request, got ${events.length}`);
  return events.map((event, i) => eventOf(event, `events[${i}]`, now));
}
