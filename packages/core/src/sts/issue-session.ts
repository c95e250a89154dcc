import { assumedRoleArn, newAccessKeyId, newSecretAccessKey, newSessionToken } from '../ids/index.js';
import type { RoleRecord, SessionFacts, SessionRecord } from '../store/index.js';
import { sessionPolicyContext } from './session-policy.js';
import type { SessionTags } from './session-tags.js';
import type { AssumedRoleUser, Credentials, StsContext, StsSessionContext } from './types.js';

export interface IssueRoleSessionRequest {
  role: RoleRecord;
  sessionName: string;
  durationSeconds: number;
  context: StsSessionContext;
}

export interface IssuedRoleSession {
  credentials: Credentials;
  assumedRoleUser: AssumedRoleUser;
  session: SessionRecord;
}

/**
 * Mints credentials for a session of `role`, its facts sealed into the session token
 * (store/sessions.ts) so SigV4-signed calls made with them can be traced back without a
 * lookup. Shared by every AssumeRole* action and by EKS Pod Identity.
 * Callers have already authorized the request and bounded the duration.
 */
export function issueRoleSession(ctx: StsContext, request: IssueRoleSessionRequest): IssuedRoleSession {
  const { role, sessionName, durationSeconds, context } = request;
  if (!Number.isInteger(durationSeconds) || durationSeconds <= 0) {
    throw new TypeError(`durationSeconds must be a positive integer, got ${durationSeconds}`);
  }
  const { random, clock } = ctx.deps;
  const now = clock.now();
  // Keys carry the role's account, as real ASIA keys do (ids/access-key.ts).
  const accessKeyId = newAccessKeyId(role.accountId, random);
  // AssumedRoleId is "<role unique id>:<session name>" and the ARN drops the role's path
  // (API_AssumedRoleUser; reference_identifiers.html#identifiers-arns).
  const assumedRoleUser: AssumedRoleUser = {
    AssumedRoleId: `${role.roleId}:${sessionName}`,
    Arn: assumedRoleArn(ctx.config.partition, role.accountId, role.name, sessionName),
  };
  const facts: SessionFacts = {
    accessKeyId,
    // Truncated to whole seconds: AWS reports Expiration without milliseconds, and the stored
    // expiry must be the one the client was told.
    expiration: new Date(Math.floor(now.getTime() / 1000) * 1000 + durationSeconds * 1000),
    accountId: role.accountId,
    arn: assumedRoleUser.Arn,
    userId: assumedRoleUser.AssumedRoleId,
    roleArn: role.arn,
    sessionName,
    context,
    createdAt: now,
  };
  // A dry run (eksid explain) hands out nothing usable: its token seals nothing.
  const session: SessionRecord = ctx.dryRun
    ? { ...facts, secretAccessKey: newSecretAccessKey(random), sessionToken: newSessionToken(random) }
    : ctx.store.sessions.seal(facts, newSecretAccessKey(random), random.bytes(12));
  return {
    credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: session.expiration,
    },
    assumedRoleUser,
    session,
  };
}

/**
 * What a new session remembers of its request: its tags (with the transitive keys) when it has
 * any, its source identity, and its session policies. Shared by every AssumeRole* action.
 */
export function requestedSessionContext(request: {
  tags: SessionTags;
  sourceIdentity: string | undefined;
  policy: string | undefined;
  policyArns: readonly string[] | undefined;
}): StsSessionContext {
  const { tags, sourceIdentity } = request;
  return {
    ...(Object.keys(tags.principalTags).length > 0 ? { principalTags: tags.principalTags, transitiveTagKeys: tags.transitiveTagKeys } : {}),
    ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
    ...sessionPolicyContext(request.policy, request.policyArns),
  };
}
