import { DECISION_EVENTS_PATH, decisionEventsBody, decisionEventsFailure } from '@eksid/core/audit-client';
import type { SendDecisions } from '@eksid/core/audit-client';
import { ADMIN_TOKEN_HEADER } from '@eksid/core/admin-token';
import { createHttpAttempter } from '../credentials/http-attempt.js';

export interface DecisionPoster {
  send: SendDecisions;
  /** Drops the kept-alive connection; call after the reporter's last send. */
  close(): void;
}

/**
 * Sends decision batches to the eksid server's events ingest at `endpoint` (the EKS Auth
 * endpoint, which is eksid), over the agent's own keep-alive HTTP client: it costs the
 * agent's event loop less per batch than fetch, and the cached path shares that loop. A hung
 * request is given up after `timeoutMs`, so one dead connection cannot hold the reporter's
 * single in-flight send for long. `adminToken` is sent as eksid's ingest asks (none: it answers 401).
 */
export function postDecisionEvents(endpoint: string, adminToken: string | undefined, timeoutMs = 5000): DecisionPoster {
  const url = new URL(DECISION_EVENTS_PATH.slice(1), endpoint.endsWith('/') ? endpoint : `${endpoint}/`);
  const http = createHttpAttempter({ dialTimeoutMs: timeoutMs, attemptTimeoutMs: timeoutMs });
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(adminToken === undefined ? {} : { [ADMIN_TOKEN_HEADER]: adminToken }) };
  return {
    async send(batch) {
      const body = decisionEventsBody(batch);
      const response = await http.send(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, body });
      if (response.status < 200 || response.status > 299) throw decisionEventsFailure(response.status, response.body);
    },
    close: () => http.close(),
  };
}
