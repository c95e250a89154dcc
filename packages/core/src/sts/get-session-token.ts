import { newAccessKeyId, newSecretAccessKey, rootArn } from '../ids/index.js';
import type { SessionFacts } from '../store/index.js';
import { AccessDeniedError, MissingAuthenticationTokenError } from './errors.js';
import type { Credentials, StsContext, StsRequest } from './types.js';

export interface GetSessionTokenInput {
  DurationSeconds?: number;
  /** MFA is accepted and not checked: eksid has no MFA devices. */
  SerialNumber?: string;
  TokenCode?: string;
}

/**
 * 12 hours unless asked otherwise; the model bounds DurationSeconds to 900–129600 (API_GetSessionToken).
 * AWS caps the account root's sessions at one hour; eksid's root stands in for the account's
 * long-term identities (IAM users, which eksid does not have), so it gets theirs, as in AssumeRole.
 */
export const SESSION_TOKEN_DEFAULT_SECONDS = 43_200;

/** STS's refusal of session credentials (seen as AccessDenied with this text from real STS, e.g. `aws sts get-session-token` under an assumed role). */
export const SESSION_CREDENTIALS_DENIED = 'Cannot call GetSessionToken with session credentials';

/**
 * GetSessionToken: temporary credentials for the caller's long-term credentials, which act as
 * it did (the root: GetCallerIdentity names the account root, every permission in the account).
 * The session is sealed into its token like a role session (store/sessions.ts), marked as the
 * root's, so sigv4 identifies calls signed with it as the root's (identify-caller.ts). Needs no
 * permission ("You cannot use policies to control authentication operations").
 */
export function getSessionToken(ctx: StsContext, request: StsRequest, input: GetSessionTokenInput): { Credentials: Credentials } {
  const { caller } = request;
  if (caller.kind === 'anonymous') throw new MissingAuthenticationTokenError();
  if (caller.kind === 'session' || caller.temporary === true) throw new AccessDeniedError(SESSION_CREDENTIALS_DENIED);
  const { random, clock } = ctx.deps;
  const now = clock.now();
  const arn = rootArn(caller.accountId, ctx.config.partition);
  const facts: SessionFacts = {
    accessKeyId: newAccessKeyId(caller.accountId, random),
    // Whole seconds, as issueRoleSession does: the expiry kept is the one the client was told.
    expiration: new Date(Math.floor(now.getTime() / 1000) * 1000 + (input.DurationSeconds ?? SESSION_TOKEN_DEFAULT_SECONDS) * 1000),
    accountId: caller.accountId,
    arn,
    userId: caller.accountId,
    roleArn: arn,
    sessionName: '',
    context: {},
    createdAt: now,
    root: true,
  };
  const session = ctx.store.sessions.seal(facts, newSecretAccessKey(random), random.bytes(12));
  return { Credentials: { AccessKeyId: session.accessKeyId, SecretAccessKey: session.secretAccessKey, SessionToken: session.sessionToken, Expiration: session.expiration } };
}
