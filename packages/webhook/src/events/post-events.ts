import { ADMIN_TOKEN_HEADER } from '@eksid/core/admin-token';
import { DECISION_EVENTS_PATH, decisionEventsBody, decisionEventsFailure } from '@eksid/core/audit-client';
import type { SendDecisions } from '@eksid/core/audit-client';

/**
 * Sends decision batches to the eksid server's events ingest at `endpoint` (--eksid-endpoint),
 * with fetch like the association source. A request that hangs is given up after `timeoutMs`,
 * so one dead connection cannot hold the reporter's single in-flight send forever. The agent
 * sends with its own HTTP client (packages/agent/src/events/post-events.ts); the contract
 * itself (path, body, limits, which refusals are final) lives in core's ingest-request.ts.
 * `adminToken` goes in the header eksid's ingest asks for (without it: 401).
 */
export function postDecisionEvents(endpoint: string, adminToken: string | undefined, timeoutMs = 5000): SendDecisions {
  const url = new URL(DECISION_EVENTS_PATH.slice(1), endpoint.endsWith('/') ? endpoint : `${endpoint}/`);
  return async (batch) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(adminToken === undefined ? {} : { [ADMIN_TOKEN_HEADER]: adminToken }) },
      body: decisionEventsBody(batch),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) throw decisionEventsFailure(response.status, text);
  };
}
