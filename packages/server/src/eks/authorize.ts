import type { AdminRequest } from '@eksid/core';
import type { Request } from 'express';
import { enforceAdminCall } from '../authorize-admin.js';
import type { ServerContext } from '../context.js';
import { expressBody } from '../protocols/fast-routes.js';
import { sourceIpOf } from '../protocols/request-id.js';
import { identifyRestJsonCaller } from '../protocols/rest-json-auth.js';

/**
 * EKS's authorize step, run by each route before its action: under `--enforce-iam` the signer
 * is identified (its SigV4 covers the path as sent, so the whole original URL) and its policies
 * must allow the operation's `request`, then each of `also` (iam:PassRole for the role an
 * association passes). Without the flag nothing is checked, as before.
 */
export async function authorizeEksCall(ctx: ServerContext, req: Request, request: AdminRequest, ...also: (AdminRequest | undefined)[]): Promise<void> {
  if (!ctx.enforceIam) return;
  const caller = await identifyRestJsonCaller(ctx, req, req.originalUrl, expressBody(req), 'eks');
  const operation = request.action.slice(request.action.indexOf(':') + 1);
  for (const each of [request, ...also]) {
    if (each) enforceAdminCall(ctx, { api: 'eks', operation, caller, sourceIp: sourceIpOf(req), request: each });
  }
}
