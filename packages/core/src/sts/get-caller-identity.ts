import { rootArn } from '../ids/index.js';
import { MissingAuthenticationTokenError } from './errors.js';
import type { GetCallerIdentityResult, StsContext, StsRequest } from './types.js';

/**
 * STS GetCallerIdentity: a role session is "<role id>:<session>" with its assumed-role ARN;
 * root credentials are the account itself (API_GetCallerIdentity examples). It needs no
 * permission, but it does need a signature.
 */
export function getCallerIdentity(ctx: StsContext, request: StsRequest): GetCallerIdentityResult {
  const { caller } = request;
  switch (caller.kind) {
    case 'anonymous':
      throw new MissingAuthenticationTokenError();
    case 'root':
      return { UserId: caller.accountId, Account: caller.accountId, Arn: rootArn(caller.accountId, ctx.config.partition) };
    case 'session':
      return { UserId: caller.session.userId, Account: caller.session.accountId, Arn: caller.session.arn };
  }
}
