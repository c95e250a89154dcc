import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { CredentialRetriever } from '../credentials/refreshing-cache.js';
import { toCredentialsDocument } from '../credentials/model.js';
import type { CredentialsOutcome } from '../events/credentials-decision.js';
import type { Logger } from '@eksid/core/log';
import { validateCredentialsRequest } from '../validation/request.js';
import { describeCredentialError } from './error-response.js';
import { pathOf, redirectUncleanPath, writeGoError, writeNotFound } from './go-http.js';

export const CREDENTIALS_PATH = '/v1/credentials';

export interface CredentialsHandlerDeps {
  clusterName: string;
  allowedHosts: readonly string[];
  retriever: CredentialRetriever;
  now: () => number;
  logger: Logger;
  onResponse: (status: number) => void;
  /** The route's rate limiter; a refused request gets `429 Too Many Requests`. */
  allowRequest: () => boolean;
  /** Told each answer once it is written; must only keep it (the audit record is built later). */
  onDecision?: (outcome: CredentialsOutcome) => void;
}

/**
 * The agent port's mux (pkg/server/server.go): `/v1/credentials` for any method, Go's 404
 * for everything else. Handler steps as pkg/handlers/eks_credential_handler.go: the raw
 * Authorization header is the token (no `Bearer` stripping), validate, then cache/EKS Auth.
 */
export function createCredentialsListener(deps: CredentialsHandlerDeps): RequestListener {
  return (req, res) => {
    if (redirectUncleanPath(req.method ?? 'GET', req.url ?? '/', res)) return;
    if (pathOf(req.url) !== CREDENTIALS_PATH) {
      writeNotFound(res);
      return;
    }
    if (!deps.allowRequest()) {
      deps.onResponse(429);
      writeGoError(res, 429, 'Too Many Requests');
      deps.onDecision?.({ token: req.headers.authorization ?? '', client: remoteAddr(req), refused: { status: 429, body: 'Too Many Requests', error: undefined } });
      return;
    }
    handleCredentials(deps, req, res).catch((err: unknown) => {
      // Last resort: a bug here must cost one request, never the agent.
      deps.logger.error(`Unexpected failure serving credentials: ${String(err)}`);
      if (!res.headersSent) writeGoError(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  };
}

async function handleCredentials(deps: CredentialsHandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const client = remoteAddr(req);
  const log = deps.logger.child({ 'client-addr': client, 'cluster-name': deps.clusterName });
  log.info(`handling new request request from ${client}`);
  const token = req.headers.authorization ?? '';
  let outcome: CredentialsOutcome;
  try {
    validateCredentialsRequest({ host: req.headers.host, token }, deps.allowedHosts, deps.now());
    const served = await deps.retriever.get(token, log);
    const body = JSON.stringify(toCredentialsDocument(served.creds));
    deps.onResponse(200);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
    outcome = { token, client, served };
  } catch (err) {
    const { status, body } = describeCredentialError(err);
    log.error(`Error fetching credentials: ${err instanceof Error ? err.message : String(err)}`);
    deps.onResponse(status);
    writeGoError(res, status, body);
    outcome = { token, client, refused: { status, body, error: err } };
  }
  deps.onDecision?.(outcome);
}

/** Go's RemoteAddr form, `ip:port` / `[ip6]:port`. */
function remoteAddr(req: IncomingMessage): string {
  const { remoteAddress = '', remotePort = 0 } = req.socket;
  return remoteAddress.includes(':') ? `[${remoteAddress}]:${remotePort}` : `${remoteAddress}:${remotePort}`;
}
