import { compareWith } from './numeric.js';
import { negate } from './operator.js';
import type { OperatorSpec } from './operator.js';

const EPOCH_SECONDS = /^\d+$/;
// The W3C profile of ISO 8601 that IAM documents for dates (https://www.w3.org/TR/NOTE-datetime).
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds since the epoch; date values are ISO 8601 or epoch seconds (Conditions_Date). */
function parseDate(text: string): number | undefined {
  const value = text.trim();
  if (EPOCH_SECONDS.test(value)) return Number(value) * 1000;
  if (!ISO_8601.test(value)) return undefined;
  // Without a zone JS would read a date-time as local time; AWS evaluates in UTC.
  const millis = Date.parse(value.includes('T') && !HAS_ZONE.test(value) ? `${value}Z` : value);
  return Number.isNaN(millis) ? undefined : millis;
}

const equals = compareWith(parseDate, 'in', (a, b) => a === b);

export const DATE_OPERATORS = {
  DateEquals: equals,
  DateNotEquals: negate(equals),
  DateLessThan: compareWith(parseDate, '<', (a, b) => a < b),
  DateLessThanEquals: compareWith(parseDate, '<=', (a, b) => a <= b),
  DateGreaterThan: compareWith(parseDate, '>', (a, b) => a > b),
  DateGreaterThanEquals: compareWith(parseDate, '>=', (a, b) => a >= b),
} satisfies Record<string, OperatorSpec>;
