import { describe, expect, it } from 'vitest';
import { DECISION_EVENTS_PATH, decisionEventsBody, decisionEventsFailure } from './ingest-request.js';
import { parseIngestBatch } from './parse-ingest.js';
import { RejectedBatchError } from './reporter-types.js';
import type { DecisionEventInput } from './types.js';

const event: DecisionEventInput = {
  time: new Date('2026-03-01T12:00:00.000Z'), source: 'agent', action: 'GetCredentials', outcome: 'denied',
  caller: 'pod default/app', cluster: 'demo', namespace: 'default', serviceAccount: 'app', role: null,
  errorCode: 'Bad Request', errorMessage: 'Service account token cannot be empty',
  trace: [{ ok: false, text: 'no Authorization header' }], detail: { status: 400 },
};

describe('decisionEventsBody', () => {
  it('should write the ingest shape with ISO times', () => {
    expect(JSON.parse(decisionEventsBody([event]))).toEqual({ events: [{ ...event, time: '2026-03-01T12:00:00.000Z' }] });
  });

  it('should cut an oversized event to what the server ingest accepts instead of losing the batch', () => {
    const huge: DecisionEventInput = {
      ...event,
      caller: '',
      errorMessage: 'x'.repeat(5000),
      trace: Array.from({ length: 250 }, (_, i) => ({ ok: i === 249 ? false : null, text: `line ${i} ${'y'.repeat(i === 0 ? 3000 : 0)}` })),
      detail: { blob: 'z'.repeat(9000) },
    };
    const body = JSON.parse(decisionEventsBody([huge])) as unknown;
    const [parsed] = parseIngestBatch(body, new Date());
    expect(parsed?.caller).toBeNull();
    expect(parsed?.errorMessage).toHaveLength(2048);
    expect(parsed?.errorMessage?.endsWith('…')).toBe(true);
    expect(parsed?.trace).toHaveLength(200);
    expect(parsed?.trace[0]?.text).toHaveLength(2048);
    expect(parsed?.trace[198]).toEqual({ ok: null, text: '… 51 trace lines left out …' });
    expect(parsed?.trace[199]).toEqual({ ok: false, text: 'line 249 ' });
    expect(parsed?.detail).toEqual({ truncated: 'detail of 9011 bytes exceeded 8192' });
  });

  it('should refuse more events than one request may carry, as a caller bug', () => {
    expect(() => decisionEventsBody(Array.from({ length: 501 }, () => event))).toThrow(TypeError);
  });
});

describe('decisionEventsFailure', () => {
  it.each([400, 404, 413])('should make HTTP %i a RejectedBatchError: the same batch would be refused again', (status) => {
    const error = decisionEventsFailure(status, 'bad\n');
    expect(error).toBeInstanceOf(RejectedBatchError);
    expect(error.message).toBe(`POST ${DECISION_EVENTS_PATH} answered HTTP ${status}: bad`);
  });

  it.each([429, 500, 503])('should make HTTP %i a plain error, worth retrying', (status) => {
    const error = decisionEventsFailure(status, '');
    expect(error).not.toBeInstanceOf(RejectedBatchError);
    expect(error.message).toBe(`POST /_eksid/events answered HTTP ${status}`);
  });
});
