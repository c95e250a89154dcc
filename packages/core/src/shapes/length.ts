/**
 * The one length rule of request validation: a string's length is its number of characters,
 * counted as Unicode code points, so '😀' (two UTF-16 units) is 1. The Smithy specification's
 * length trait says string length is "the number of Unicode scalar values"
 * (smithy-lang/smithy docs/source-2.0/spec/constraint-traits.rst, `length` trait), which is what
 * AWS's own validators implement; IAM's and STS's docs state every limit in characters.
 * A lone surrogate (not a scalar value, but possible in a JS string) counts as one, as `[...value]`
 * counts it.
 */
export function codePointLength(value: string): number {
  const units = value.length;
  let length = units;
  for (let i = 0; i < units - 1; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

/**
 * The length compared against the bounds, counting code points only when it can matter: n UTF-16
 * units hold n/2 to n code points, so below max and at least 2 × min the answer is the same.
 */
export function lengthWithin(value: string, min: number | undefined, max: number | undefined): number {
  const units = value.length;
  const needsCount = (max !== undefined && units > max) || (min !== undefined && units < 2 * min);
  return needsCount ? codePointLength(value) : units;
}
