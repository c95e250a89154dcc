import type { SessionRecord, Tag } from '../store/index.js';
import { stringFailures } from '../shapes/constraints.js';
import { stsShapes } from '../shapes/models/index.js';
import { InvalidIdentityTokenError, InvalidParameterValueError } from './errors.js';

/** The tags a new session carries and which of them pass on to sessions it assumes. */
export interface SessionTags {
  /** Tags set by this request (aws:RequestTag/*). */
  requested: Record<string, string>;
  /** requested + tags inherited transitively: the new session's principal tags. */
  principalTags: Record<string, string>;
  /** Requested transitive keys + inherited ones: what the new session passes on. */
  transitiveTagKeys: string[];
}

// Wording as LocalStack reproduces STS (localstack services/sts/provider.py, snapshot-tested
// against AWS); the duplicate-key text is STS's own "Tag keys are case insensitive" answer.
export const TAG_MESSAGES = {
  duplicate: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
  transitiveNotRequested: 'The specified transitive tag key must be included in the requested tags.',
  transitiveConflict: "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
};

/** The calling session's transitive tags: they persist into the next session of a chain (id_session-tags.html#id_session-tags_role-chaining). */
function inheritedTransitiveTags(session: SessionRecord | undefined): { tags: Record<string, string>; keys: string[] } {
  const keys = session?.context.transitiveTagKeys ?? [];
  const all = session?.context.principalTags ?? {};
  const tags: Record<string, string> = {};
  for (const key of keys) if (all[key] !== undefined) tags[key] = all[key];
  return { tags, keys: Object.keys(tags) };
}

/**
 * Combines the requested tags with the caller's transitive ones. Keys compare case-insensitively;
 * an inherited transitive tag can't be overridden ("If you try to pass the Heart = 3 session tag,
 * the operation will fail", id_session-tags.html#id_session-tags_role-chaining).
 */
export function combineSessionTags(tags: readonly Tag[], transitiveTagKeys: readonly string[], caller: SessionRecord | undefined): SessionTags {
  const requested: Record<string, string> = {};
  const seen = new Set<string>();
  for (const { Key, Value } of tags) {
    if (seen.has(Key.toLowerCase())) throw new InvalidParameterValueError(TAG_MESSAGES.duplicate);
    seen.add(Key.toLowerCase());
    requested[Key] = Value;
  }
  for (const key of transitiveTagKeys) {
    if (!seen.has(key.toLowerCase())) throw new InvalidParameterValueError(TAG_MESSAGES.transitiveNotRequested);
  }
  const inherited = inheritedTransitiveTags(caller);
  if (inherited.keys.some((key) => seen.has(key.toLowerCase()))) throw new InvalidParameterValueError(TAG_MESSAGES.transitiveConflict);
  // Requested transitive keys take the casing of the tag they name, so later lookups are exact.
  const requestedKeys = Object.keys(requested);
  const ownTransitive = transitiveTagKeys.map((key) => requestedKeys.find((k) => k.toLowerCase() === key.toLowerCase()) as string);
  return {
    requested,
    principalTags: { ...inherited.tags, ...requested },
    transitiveTagKeys: [...new Set([...inherited.keys, ...ownTransitive])],
  };
}

const TAGS_CLAIM = 'https://aws.amazon.com/tags';
const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';
// The same limits AssumeRole's Tags and SourceIdentity members have, from STS's model.
const fits = (shape: 'tagKeyType' | 'tagValueType' | 'sourceIdentityType', value: string) => stringFailures(value, stsShapes.shapes[shape] ?? {}).length === 0;

const badClaim = (detail: string) => new InvalidIdentityTokenError(`Invalid ${detail} in the web identity token`);

/**
 * Session tags an OIDC token carries: `{"https://aws.amazon.com/tags": {"principal_tags":
 * {"Project": ["Automation"]}, "transitive_tag_keys": ["Project"]}}`, each value a one-element
 * array (id_session-tags.html#id_session-tags_adding-assume-role-idp).
 */
export function tagsFromClaims(claims: Readonly<Record<string, unknown>>): { tags: Tag[]; transitiveTagKeys: string[] } {
  const raw = claims[TAGS_CLAIM];
  if (raw === undefined) return { tags: [], transitiveTagKeys: [] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badClaim('session tags');
  const { principal_tags: principal = {}, transitive_tag_keys: transitive = [] } = raw as Record<string, unknown>;
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) throw badClaim('principal_tags');
  const tags = Object.entries(principal).map(([Key, value]): Tag => {
    const Value = Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
    if (!fits('tagKeyType', Key) || typeof Value !== 'string' || !fits('tagValueType', Value)) throw badClaim('principal_tags');
    return { Key, Value };
  });
  if (tags.length > 50) throw badClaim('principal_tags');
  if (!Array.isArray(transitive) || !transitive.every((k): k is string => typeof k === 'string')) throw badClaim('transitive_tag_keys');
  return { tags, transitiveTagKeys: transitive };
}

/** The source identity an OIDC token sets (id_credentials_temp_control-access_monitor.html, AssumeRoleWithWebIdentity). */
export function sourceIdentityFromClaims(claims: Readonly<Record<string, unknown>>): string | undefined {
  const value = claims[SOURCE_IDENTITY_CLAIM];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !fits('sourceIdentityType', value)) throw badClaim('source_identity');
  return value;
}
