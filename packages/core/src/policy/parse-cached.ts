import { parsePolicyDocument } from './parse.js';
import type { PolicyDocument, PolicyKind } from './types.js';

const MAX_ENTRIES = 1000;
/**
 * By kind, then by the text itself: a stored text is the same string object on every read
 * (store/read-cache.ts), so its hash is computed once; a `${kind}\0${text}` key was a new
 * string to hash on every credential request (docs/performance.md).
 */
const parsed = new Map<PolicyKind, Map<string, PolicyDocument>>();
let entries = 0;

/**
 * parsePolicyDocument for stored documents read on every request (trust policies, a caller's
 * identity policies): the same text parses to the same document, so it is parsed once.
 * Documents are never mutated after parsing. The cache is bounded; when full it starts over.
 * Throws like parsePolicyDocument; failures are not cached.
 */
export function parseStoredPolicy(text: string, kind: PolicyKind): PolicyDocument {
  let ofKind = parsed.get(kind);
  let doc = ofKind?.get(text);
  if (!doc) {
    doc = parsePolicyDocument(text, kind);
    if (entries >= MAX_ENTRIES) {
      parsed.clear();
      entries = 0;
      ofKind = undefined;
    }
    if (!ofKind) parsed.set(kind, (ofKind = new Map()));
    ofKind.set(text, doc);
    entries++;
  }
  return doc;
}
