import { iamAdminRequest } from '@eksid/core';
import type { QueryRequest } from '../protocols/aws-query.js';
import { enforceAdminCall } from '../authorize-admin.js';

/** IAM's authorize hook: every IAM action is checked against the caller's policies under `--enforce-iam`. */
export function authorizeIamCall({ ctx, action, params, caller, sourceIp }: QueryRequest): void {
  if (!ctx.enforceIam) return;
  enforceAdminCall(ctx, { api: 'iam', operation: action, caller, sourceIp, request: iamAdminRequest(ctx, action, params) });
}
