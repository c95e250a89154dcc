import { ValidationError } from '../errors.js';

/** IAM's Marker/MaxItems paging (every List* action): default 100 items a page. */
export interface PageRequest {
  marker?: string | undefined;
  maxItems?: number | undefined;
}

export interface Page<T> {
  items: T[];
  isTruncated: boolean;
  /** Present only when isTruncated, as IAM does. */
  marker?: string;
}

const DEFAULT_MAX_ITEMS = 100;

/**
 * IAM markers are opaque strings the client hands back unchanged. Ours encode the key of the
 * first item of the next page (not an offset), so deleting earlier items between calls does
 * not skip or repeat entries.
 */
export function paginate<T>(all: readonly T[], keyOf: (item: T) => string, page: PageRequest): Page<T> {
  const maxItems = page.maxItems ?? DEFAULT_MAX_ITEMS;
  let start = 0;
  if (page.marker !== undefined) {
    const key = decodeMarker(page.marker);
    start = all.findIndex((item) => keyOf(item) === key);
    // The marked item was deleted meanwhile: resume at the first key after it.
    if (start < 0) start = all.findIndex((item) => compareKeys(keyOf(item), key) > 0);
    if (start < 0) start = all.length;
  }
  const items = all.slice(start, start + maxItems);
  const next = all[start + maxItems];
  return next === undefined ? { items, isTruncated: false } : { items, isTruncated: true, marker: encodeMarker(keyOf(next)) };
}

// Most lists come from the store sorted case-insensitively (COLLATE NOCASE); compare alike.
function compareKeys(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function encodeMarker(key: string): string {
  return Buffer.from(`eksid:${key}`, 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  // Not one of ours: IAM rejects a marker it did not issue as a bad parameter value.
  if (!text.startsWith('eksid:')) throw new ValidationError(`Invalid Marker: ${marker}`);
  return text.slice('eksid:'.length);
}
