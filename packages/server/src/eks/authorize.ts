import type { AdminRequest, Caller, SessionRecord } from '@eksid/core';
import type { Request } from 'express';
import { enforceAdminCall } from '../authorize-admin.js';
import type { ServerContext } from '../context.js';
import { sourceIpOf } from '../protocols/request-id.js';

// Who signed each EKS request, as the router's first step identified it (eks/index.ts): the
// authorize step reads it rather than verifying the signature a second time.
const signers = new WeakMap<Request, Caller<SessionRecord>>();

export function rememberSigner(req: Request, caller: Caller<SessionRecord>): void {
  signers.set(req, caller);
}

/**
 * EKS's authorize step, run by each route before its action: under `--enforce-iam` the
 * signer's policies must allow the operation's `request`, then each of `also` (iam:PassRole
 * for the role an association passes). Without the flag nothing is checked, as before.
 */
export async function authorizeEksCall(ctx: ServerContext, req: Request, request: AdminRequest, ...also: (AdminRequest | undefined)[]): Promise<void> {
  if (!ctx.enforceIam) return;
  const caller = signers.get(req);
  if (caller === undefined) throw new TypeError('authorizeEksCall: the EKS router identifies the signer before any route');
  const operation = request.action.slice(request.action.indexOf(':') + 1);
  for (const each of [request, ...also]) {
    if (each) enforceAdminCall(ctx, { api: 'eks', operation, caller, sourceIp: sourceIpOf(req), request: each });
  }
}
