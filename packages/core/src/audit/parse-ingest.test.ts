import { describe, expect, it } from 'vitest';
import { AwsError } from '../errors.js';
import { MAX_INGEST_DETAIL_BYTES, MAX_INGEST_EVENTS, MAX_INGEST_STRING, MAX_INGEST_TRACE_LINES, parseIngestBatch } from './parse-ingest.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const denied = {
  source: 'agent',
  action: 'GetCredentials',
  outcome: 'denied',
  time: '2026-03-01T11:59:00.250Z',
  caller: 'default/app-1',
  cluster: 'demo',
  namespace: 'default',
  serviceAccount: 'app',
  role: 'arn:aws:iam::000000000000:role/app',
  errorCode: 'AccessDeniedException',
  errorMessage: 'not allowed',
  trace: [{ ok: true, text: 'token read' }, { ok: false, text: 'EKS Auth refused' }, { ok: null, text: 'pod default/app-1' }],
  detail: { status: 403 },
};

function refusal(raw: unknown): AwsError {
  try {
    parseIngestBatch(raw, NOW);
  } catch (err) {
    if (err instanceof AwsError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('parseIngestBatch', () => {
  it('should read a full event as it was sent', () => {
    expect(parseIngestBatch({ events: [denied] }, NOW)).toEqual([{ ...denied, time: new Date('2026-03-01T11:59:00.250Z') }]);
  });

  it('should fill what a minimal event leaves out: now, nulls, no trace, no detail', () => {
    expect(parseIngestBatch({ events: [{ source: 'webhook', action: 'Mutate', outcome: 'allowed' }] }, NOW)).toEqual([
      { time: NOW, source: 'webhook', action: 'Mutate', outcome: 'allowed', caller: null, cluster: null, namespace: null, serviceAccount: null, role: null, errorCode: null, errorMessage: null, trace: [], detail: {} },
    ]);
  });

  it('should take a DecisionEventInput as JSON.stringify writes it (nulls, an offset time)', () => {
    const [event] = parseIngestBatch(JSON.parse(JSON.stringify({ events: [{ ...denied, caller: null, time: '2026-03-01T13:00:00+01:00' }] })), NOW);
    expect(event).toMatchObject({ caller: null, time: new Date('2026-03-01T12:00:00Z') });
  });

  it('should take an empty batch and keep the order of a long one', () => {
    expect(parseIngestBatch({ events: [] }, NOW)).toEqual([]);
    const events = Array.from({ length: MAX_INGEST_EVENTS }, (_, i) => ({ source: 'agent', action: `A${i}`, outcome: 'allowed' }));
    expect(parseIngestBatch({ events }, NOW).map((e) => e.action)).toEqual(events.map((e) => e.action));
  });

  it('should take strings, trace lines and detail right at their bounds', () => {
    const long = 'x'.repeat(MAX_INGEST_STRING);
    const trace = Array.from({ length: MAX_INGEST_TRACE_LINES }, () => ({ ok: null, text: long }));
    const detail = { pad: 'y'.repeat(MAX_INGEST_DETAIL_BYTES - '{"pad":""}'.length) };
    expect(parseIngestBatch({ events: [{ ...denied, cluster: long, trace, detail }] }, NOW)).toHaveLength(1);
  });

  const many = (n: number, item: unknown) => Array.from({ length: n }, () => item);
  it.each([
    ['no body', undefined, 'The request body must be a JSON object {"events": [...]}'],
    ['a list body', [denied], 'The request body must be a JSON object {"events": [...]}'],
    ['events not a list', { events: denied }, 'The request body must be a JSON object {"events": [...]}'],
    ['an unknown top-level field', { events: [], dryRun: true }, 'dryRun is not a known field (expected events)'],
    ['too many events', { events: many(MAX_INGEST_EVENTS + 1, denied) }, 'events must have at most 500 events per request, got 501'],
    ['an event that is not an object', { events: [denied, 'x'] }, 'events[1] must be an object'],
    ['a misspelt field', { events: [{ ...denied, serviceaccount: 'app' }] }, 'events[0].serviceaccount is not a known field (expected one of: source, action, outcome, time, caller, cluster, namespace, serviceAccount, role, errorCode, errorMessage, trace, detail)'],
    ['an sts event', { events: [{ ...denied, source: 'sts' }] }, 'events[0].source must be "agent" or "webhook" (sts and eks-auth decisions are recorded by the server itself)'],
    ['no source', { events: [{ ...denied, source: undefined }] }, 'events[0].source must be "agent" or "webhook" (sts and eks-auth decisions are recorded by the server itself)'],
    ['a bad outcome', { events: [denied, denied, denied, { ...denied, outcome: 'refused' }] }, 'events[3].outcome must be "allowed" or "denied"'],
    ['no action', { events: [{ ...denied, action: undefined }] }, 'events[0].action is required'],
    ['an empty action', { events: [{ ...denied, action: '' }] }, 'events[0].action must not be empty (leave it out when not known)'],
    ['a number for a name', { events: [{ ...denied, cluster: 5 }] }, 'events[0].cluster must be a string, got number'],
    ['a list for a name', { events: [{ ...denied, role: ['a'] }] }, 'events[0].role must be a string, got a list'],
    ['an overlong string', { events: [{ ...denied, errorMessage: 'x'.repeat(MAX_INGEST_STRING + 1) }] }, 'events[0].errorMessage must be at most 2048 characters, got 2049'],
    ['a time that is not ISO', { events: [{ ...denied, time: 'March 1, 2026' }] }, 'events[0].time must be an ISO 8601 time such as 2026-03-01T12:00:00Z'],
    ['a time without a zone', { events: [{ ...denied, time: '2026-03-01T12:00:00' }] }, 'events[0].time must be an ISO 8601 time such as 2026-03-01T12:00:00Z'],
    ['an impossible time', { events: [{ ...denied, time: '2026-13-01T12:00:00Z' }] }, 'events[0].time must be an ISO 8601 time such as 2026-03-01T12:00:00Z'],
    ['a time as a number', { events: [{ ...denied, time: 1_700_000_000 }] }, 'events[0].time must be an ISO 8601 time such as 2026-03-01T12:00:00Z'],
    ['an error code on an allowed event', { events: [{ ...denied, outcome: 'allowed', errorMessage: null }] }, 'events[0].errorCode must be left out when outcome is "allowed"'],
    ['an error message on an allowed event', { events: [{ ...denied, outcome: 'allowed', errorCode: null }] }, 'events[0].errorMessage must be left out when outcome is "allowed"'],
    ['a trace that is not a list', { events: [{ ...denied, trace: 'ok' }] }, 'events[0].trace must be a list of {ok, text}'],
    ['too many trace lines', { events: [{ ...denied, trace: many(MAX_INGEST_TRACE_LINES + 1, { ok: true, text: 't' }) }] }, 'events[0].trace must have at most 200 lines, got 201'],
    ['a trace line that is a string', { events: [{ ...denied, trace: ['t'] }] }, 'events[0].trace[0] must be an object {ok, text}'],
    ['a trace verdict that is a string', { events: [{ ...denied, trace: [{ ok: true, text: 'a' }, { ok: 'yes', text: 'b' }] }] }, 'events[0].trace[1].ok must be true, false or null'],
    ['a trace line without ok', { events: [{ ...denied, trace: [{ text: 'b' }] }] }, 'events[0].trace[0].ok must be true, false or null'],
    ['a trace line without text', { events: [{ ...denied, trace: [{ ok: true }] }] }, 'events[0].trace[0].text is required'],
    ['an extra trace field', { events: [{ ...denied, trace: [{ ok: true, text: 'a', at: 1 }] }] }, 'events[0].trace[0].at is not a known field (expected ok, text)'],
    ['an overlong trace line', { events: [{ ...denied, trace: [{ ok: true, text: 'x'.repeat(MAX_INGEST_STRING + 1) }] }] }, 'events[0].trace[0].text must be at most 2048 characters, got 2049'],
    ['detail that is a list', { events: [{ ...denied, detail: [1] }] }, 'events[0].detail must be an object'],
    ['detail over 8 KB', { events: [{ ...denied, detail: { pad: 'é'.repeat(MAX_INGEST_DETAIL_BYTES / 2) } }] }, 'events[0].detail must be at most 8192 bytes as JSON, got 8202'],
  ])('should refuse %s with InvalidParameterException naming the field', (_case, raw, message) => {
    const error = refusal(raw);
    expect([error.code, error.status, error.message]).toEqual(['InvalidParameterException', 400, message]);
  });
});
