import type { Tag } from '../store/index.js';
import { InvalidInputError, LimitExceededError } from './errors.js';

/** An IAM resource holds at most 50 tags (botocore tagListType max 50). */
const MAX_TAGS = 50;

/** IAM compares tag keys case-insensitively and refuses a request naming one key twice. */
export function checkUniqueTagKeys(tags: readonly Tag[]): void {
  const seen = new Set<string>();
  for (const { Key } of tags) {
    const key = Key.toLowerCase();
    if (seen.has(key)) throw new InvalidInputError('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(key);
  }
}

/**
 * TagRole/TagOpenIDConnectProvider semantics: an existing key (any case) takes the new value
 * and the key as now written; new keys are appended. Over 50 in total is LimitExceeded.
 */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  checkUniqueTagKeys(added);
  const merged = existing.map((tag) => added.find((t) => t.Key.toLowerCase() === tag.Key.toLowerCase()) ?? tag);
  for (const tag of added) {
    if (!existing.some((t) => t.Key.toLowerCase() === tag.Key.toLowerCase())) merged.push(tag);
  }
  if (merged.length > MAX_TAGS) throw new LimitExceededError(`The number of tags has reached the maximum limit of ${MAX_TAGS}.`);
  return merged.map(({ Key, Value }) => ({ Key, Value }));
}

/** UntagRole: keys not present are ignored, as IAM does. */
export function removeTags(existing: readonly Tag[], keys: readonly string[]): Tag[] {
  const gone = new Set(keys.map((k) => k.toLowerCase()));
  return existing.filter((t) => !gone.has(t.Key.toLowerCase()));
}
