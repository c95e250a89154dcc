import { describe, expect, it } from 'vitest';
import { paginate } from './paginate.js';
import { expectAwsError } from './test-support.js';

const KEYS = Array.from({ length: 250 }, (_, i) => `k${String(i).padStart(3, '0')}`);
const id = (s: string) => s;

describe('paginate', () => {
  it('defaults to 100 items a page and omits the marker on the last page', () => {
    const first = paginate(KEYS, id, {});
    expect(first.items).toHaveLength(100);
    expect(first.isTruncated).toBe(true);
    const third = paginate(KEYS, id, { marker: paginate(KEYS, id, { marker: first.marker }).marker });
    expect(third).toEqual({ items: KEYS.slice(200), isTruncated: false });
  });

  it('resumes after a marked item that was deleted meanwhile', () => {
    const first = paginate(['a', 'b', 'c'], id, { maxItems: 1 });
    expect(paginate(['a', 'c'], id, { marker: first.marker }).items).toEqual(['c']);
  });

  it('refuses a marker it did not issue', () => {
    expectAwsError(() => paginate(KEYS, id, { marker: 'abc' }), 'ValidationError', 400, 'Invalid Marker: abc');
  });
});
