/**
 * How deep objects and arrays may nest in JSON read from a request. JSON.parse itself takes
 * any depth, but each level costs a stack frame in every recursive walk after it (validation,
 * canonical JSON, the audit trail), and ~10,000 levels overflow the stack: a 500 for the
 * client, which must get a 400. 500 is the limit jackson-core settled on for the same reason
 * (FasterXML/jackson-core#1233, lowering StreamReadConstraints' 1000); no AWS request shape
 * nests beyond a handful of levels.
 */
export const MAX_JSON_DEPTH = 500;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether JSON text nests objects and arrays deeper than `max`, skipping brackets inside
 * strings. One pass without recursion; syntax is JSON.parse's to judge.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}
