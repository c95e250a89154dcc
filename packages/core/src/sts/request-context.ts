import type { ContextValue } from '../policy/index.js';
import type { RoleRecord, SessionRecord, Tag } from '../store/index.js';
import { isoSeconds } from '../wire/index.js';
import type { StsContext } from './types.js';

export type MutableContext = Record<string, ContextValue>;

/**
 * Keys present in every request (reference_policies_condition-keys.html): aws:CurrentTime
 * (ISO 8601), aws:EpochTime (seconds), aws:SourceIp, aws:RequestedRegion.
 */
export function environmentContext(ctx: StsContext, sourceIp: string): MutableContext {
  const now = ctx.deps.clock.now();
  return {
    'aws:CurrentTime': isoSeconds(now),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:SourceIp': sourceIp,
    'aws:RequestedRegion': ctx.config.region,
  };
}

/**
 * One condition context from its parts, a later part winning on a shared key as in a spread
 * literal. Assigned, not spread: a spread literal of a dozen-plus keys (EKS Auth's six request
 * tags) came out of V8 as an object allocated straight into the old generation, which drove
 * major GCs under load (docs/performance.md). No
 * part has a `__proto__` key to trip assignment: every key is a fixed name or carries a
 * prefix (aws:RequestTag/...).
 */
export function conditionContext(...parts: readonly Readonly<MutableContext>[]): MutableContext {
  return Object.assign({}, ...parts);
}

/** `prefix + key → value` for each tag, e.g. aws:RequestTag/Project. */
function tagContext(prefix: string, tags: Readonly<Record<string, string>>): MutableContext {
  const out: MutableContext = {};
  for (const [key, value] of Object.entries(tags)) out[`${prefix}${key}`] = value;
  return out;
}

/** The target role's IAM tags, under both names IAM and STS accept (reference_policies_iam-condition-keys.html). */
export function resourceTagContext(role: RoleRecord): MutableContext {
  const tags = tagsToRecord(role.tags);
  return { ...tagContext('aws:ResourceTag/', tags), ...tagContext('iam:ResourceTag/', tags) };
}

function tagsToRecord(tags: readonly Tag[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags) out[tag.Key] = tag.Value;
  return out;
}

/**
 * A session's principal tags: its role's IAM tags, overridden by its session tags with the
 * same key regardless of case (id_session-tags.html, "Things to know about session tags").
 * Role tags are read now, as AWS evaluates the role's current tags.
 */
function principalTagsOf(ctx: StsContext, session: SessionRecord): Record<string, string> {
  const sessionTags = session.context.principalTags ?? {};
  const overridden = new Set(Object.keys(sessionTags).map((k) => k.toLowerCase()));
  const out: Record<string, string> = {};
  for (const tag of ctx.store.roles.byArn(session.roleArn)?.tags ?? []) {
    if (!overridden.has(tag.Key.toLowerCase())) out[tag.Key] = tag.Value;
  }
  return { ...out, ...sessionTags };
}

/**
 * The caller's own keys when the caller is a role session (reference_policies_condition-keys.html):
 * aws:PrincipalArn is the role's ARN (not the session's), aws:userid is "<role id>:<session>",
 * aws:PrincipalType is AssumedRole; the session's tags, source identity and provider carry on.
 */
export function sessionCallerContext(ctx: StsContext, session: SessionRecord): MutableContext {
  const out: MutableContext = {
    'aws:PrincipalArn': session.roleArn,
    'aws:PrincipalAccount': session.accountId,
    'aws:userid': session.userId,
    'aws:PrincipalType': 'AssumedRole',
    'aws:TokenIssueTime': isoSeconds(session.createdAt),
    ...tagContext('aws:PrincipalTag/', principalTagsOf(ctx, session)),
  };
  if (session.context.sourceIdentity !== undefined) out['aws:SourceIdentity'] = session.context.sourceIdentity;
  if (session.context.federatedProvider !== undefined) out['aws:FederatedProvider'] = session.context.federatedProvider;
  return out;
}

/** Keys of the tags being set on the new session (id_session-tags.html, permissions required). */
export function requestTagContext(tags: Readonly<Record<string, string>>, transitiveTagKeys: readonly string[]): MutableContext {
  const out: MutableContext = tagContext('aws:RequestTag/', tags);
  if (Object.keys(tags).length > 0) out['aws:TagKeys'] = Object.keys(tags);
  if (transitiveTagKeys.length > 0) out['sts:TransitiveTagKeys'] = [...transitiveTagKeys];
  return out;
}
