import { DecisionDraft, authorizeAdminCall } from '@eksid/core';
import type { AdminApi, AdminRequest, Caller, SessionRecord } from '@eksid/core';
import type { ServerContext } from './context.js';

export interface AdminCall {
  api: AdminApi;
  /** The API operation, e.g. UpdateAssumeRolePolicy: the recorded decision's action. */
  operation: string;
  caller: Caller<SessionRecord>;
  sourceIp: string;
  request: AdminRequest;
}

/**
 * `--enforce-iam`'s hook, called where IAM and EKS actions are dispatched: evaluates the call
 * against the caller's policies (core authorize/) and, when it is refused, records the decision
 * with its trace in the audit trail before the error goes back unchanged. Allowed admin calls are
 * not recorded: the trail is for credential decisions and refusals, not an API log.
 */
export function enforceAdminCall(ctx: ServerContext, call: AdminCall): void {
  const draft = new DecisionDraft(call.api, call.operation);
  draft.detail['sourceIp'] = call.sourceIp;
  try {
    authorizeAdminCall({ ...ctx, audit: draft }, call.api, call.request, { caller: call.caller, sourceIp: call.sourceIp });
  } catch (e) {
    ctx.decisions.record(draft.finish(ctx.deps.clock.now(), e));
    throw e;
  }
}
