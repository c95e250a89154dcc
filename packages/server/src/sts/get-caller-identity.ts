import { getCallerIdentity } from '@eksid/core';
import type { GetCallerIdentityResult, XmlValue } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';

/** Element order as in the API reference's example response. */
export function renderGetCallerIdentity(r: GetCallerIdentityResult): XmlValue {
  return { Arn: r.Arn, UserId: r.UserId, Account: r.Account };
}

/** GetCallerIdentity takes no parameters. */
export const handleGetCallerIdentity: QueryHandler = ({ ctx, caller, sourceIp }) => renderGetCallerIdentity(getCallerIdentity(ctx, { caller, sourceIp }));
