import { MARKER, MAX_ITEMS } from '@eksid/core';
import type { PageRequest } from '@eksid/core';
import type { Constraints } from './constraints.js';

/** Marker and MaxItems, which every paginated List* action takes. */
export function page(c: Constraints): PageRequest {
  return { marker: c.optional('Marker', MARKER), maxItems: c.integer('MaxItems', MAX_ITEMS) };
}
