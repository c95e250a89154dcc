import { accountIdFromAccessKeyId } from '../ids/index.js';
import { MissingAuthenticationTokenError } from './errors.js';
import type { StsContext, StsRequest } from './types.js';

/**
 * GetAccessKeyInfo: the account an access key belongs to. New-generation keys (AKIA, ASIA, …)
 * carry it (ids/access-key.ts; the awsteele.com decoding real STS agrees with), so eksid decodes
 * it for any well-formed key, issued here or not. Older keys carry none (AKIAIOSFODNN7EXAMPLE):
 * AWS looks those up; eksid answers its own account, whose root such keys act as in lenient mode.
 */
export function getAccessKeyInfo(ctx: StsContext, request: StsRequest, input: { AccessKeyId: string }): { Account: string } {
  if (request.caller.kind === 'anonymous') throw new MissingAuthenticationTokenError();
  return { Account: accountIdFromAccessKeyId(input.AccessKeyId) ?? ctx.config.accountId };
}
