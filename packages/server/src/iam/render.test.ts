import { describe, expect, it } from 'vitest';
import { encodeDocument } from './render.js';

describe('encodeDocument', () => {
  it.each([
    ['{"Version": "2012-10-17"}', '%7B%22Version%22%3A%20%222012-10-17%22%7D'],
    ["a!b'c(d)e*f~g_h.i-j", 'a%21b%27c%28d%29e%2Af~g_h.i-j'],
    ['é', '%C3%A9'],
  ])('percent-encodes %s as RFC 3986 does', (text, encoded) => {
    expect(encodeDocument(text)).toBe(encoded);
    expect(decodeURIComponent(encoded)).toBe(text);
  });
});
