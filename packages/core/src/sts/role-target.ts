import { ValidationError } from '../errors.js';
import { parseArn } from '../ids/index.js';
import type { RoleRecord } from '../store/index.js';
import type { StsContext } from './types.js';

/** AssumeRole* default when DurationSeconds is absent (API_AssumeRole, DurationSeconds). */
export const DEFAULT_DURATION_SECONDS = 3600;
/** "When you use role chaining, your new credentials are limited to a maximum duration of one hour" (id_roles_use.html). */
export const ROLE_CHAINING_MAX_SECONDS = 3600;

export const ROLE_MESSAGES = {
  // Both as STS words them (e.g. aws/eks-anywhere#9485, prowler#7721 for the chaining one).
  overRoleMax: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
  overChainLimit: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
  invalidArn: 'Request ARN is invalid',
};

/**
 * The role a RoleArn names, or undefined if there is none (callers answer AccessDenied then,
 * as STS does, so the answer does not reveal whether a role exists). A string that is not an
 * ARN at all is "<value> is invalid" (LocalStack's parity fix for AssumeRole, localstack#12885);
 * an ARN of something other than an IAM role is "Request ARN is invalid" (what STS answered for
 * a SAML provider ARN given as the role, physera/onelogin-aws-cli#12).
 */
export function targetRole(ctx: StsContext, roleArn: string): RoleRecord | undefined {
  const arn = parseArn(roleArn);
  if (!arn) throw new ValidationError(`${roleArn} is invalid`);
  if (arn.service !== 'iam' || !arn.resource.startsWith('role/')) throw new ValidationError(ROLE_MESSAGES.invalidArn);
  return ctx.store.roles.byArn(roleArn);
}

/**
 * The session length to issue. A chained session is capped at one hour whatever the role allows;
 * otherwise the role's MaxSessionDuration (1-12 h) is the cap (API_AssumeRole, DurationSeconds).
 */
export function sessionDuration(requested: number | undefined, role: RoleRecord, chained: boolean): number {
  const duration = requested ?? DEFAULT_DURATION_SECONDS;
  if (chained && duration > ROLE_CHAINING_MAX_SECONDS) throw new ValidationError(ROLE_MESSAGES.overChainLimit);
  if (duration > role.maxSessionDuration) throw new ValidationError(ROLE_MESSAGES.overRoleMax);
  return duration;
}
