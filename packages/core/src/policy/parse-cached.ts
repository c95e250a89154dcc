import { parsePolicyDocument } from './parse.js';
import type { PolicyDocument, PolicyKind } from './types.js';

const MAX_ENTRIES = 1000;
const parsed = new Map<string, PolicyDocument>();

/**
 * parsePolicyDocument for stored documents read on every request (trust policies, a caller's
 * identity policies): the same text parses to the same document, so it is parsed once.
 * Documents are never mutated after parsing. The cache is bounded; when full it starts over.
 * Throws like parsePolicyDocument; failures are not cached.
 */
export function parseStoredPolicy(text: string, kind: PolicyKind): PolicyDocument {
  const key = `${kind}\u0000${text}`;
  let doc = parsed.get(key);
  if (!doc) {
    doc = parsePolicyDocument(text, kind);
    if (parsed.size >= MAX_ENTRIES) parsed.clear();
    parsed.set(key, doc);
  }
  return doc;
}
