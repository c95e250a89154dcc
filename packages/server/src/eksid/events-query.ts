import { InvalidParameterError } from '@eksid/core';
import type { DecisionFilter } from '@eksid/core';

/*
 * The query string of GET /_eksid/events and its stream: `after`, `cluster`, `denied`, `limit`.
 * Wrong values are refused rather than ignored, so a dashboard bug shows as a 400, not as a
 * silently unfiltered list.
 */
type Query = Readonly<Record<string, unknown>>;

/** The store's page bound (store/decision-events.ts). */
const MAX_LIMIT = 10_000;
const DEFAULT_LIMIT = 100;

/** A parameter given at most once, as a string. */
function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InvalidParameterError(`${name} must be given at most once`);
  return value;
}

function wholeNumber(value: string, name: string, min: number, max: number): number {
  const n = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new InvalidParameterError(`${name} must be a whole number from ${min} to ${max}, got '${value}'`);
  return n;
}

/** An event id cursor: events with a larger id follow it. Also the form of a Last-Event-ID header. */
export function cursorOf(value: string, name: string): number {
  return wholeNumber(value, name, 0, Number.MAX_SAFE_INTEGER);
}

/** What both the list and the stream select by: `cluster`, `denied`. */
function selection(query: Query): DecisionFilter {
  const filter: DecisionFilter = {};
  const cluster = single(query, 'cluster');
  if (cluster !== undefined) {
    if (cluster === '') throw new InvalidParameterError('cluster must not be empty');
    filter.cluster = cluster;
  }
  const denied = single(query, 'denied');
  if (denied !== undefined && denied !== 'true' && denied !== 'false') throw new InvalidParameterError(`denied must be true or false, got '${denied}'`);
  if (denied === 'true') filter.deniedOnly = true;
  return filter;
}

/** GET /_eksid/events: a page, the newest `limit` (default 100) after `after` (default 0). */
export function listQuery(query: Query): DecisionFilter & { afterId: number; limit: number } {
  const after = single(query, 'after');
  const limit = single(query, 'limit');
  return {
    ...selection(query),
    afterId: after === undefined ? 0 : cursorOf(after, 'after'),
    limit: limit === undefined ? DEFAULT_LIMIT : wholeNumber(limit, 'limit', 1, MAX_LIMIT),
  };
}

/** GET /_eksid/events/stream: the selection and the replay cursor, when one is asked for. */
export function streamQuery(query: Query): { filter: DecisionFilter; after: number | undefined } {
  const after = single(query, 'after');
  return { filter: selection(query), after: after === undefined ? undefined : cursorOf(after, 'after') };
}
