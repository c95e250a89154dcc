import { identifyCaller } from '@eksid/core';
import type { Caller, CredentialScope, SessionRecord, SignedRequest } from '@eksid/core';
import type { IncomingMessage } from 'node:http';
import type { ServerContext } from '../context.js';

/** A request as SigV4 sees it; `url` is the request's whole URL (an express router's req.url is cut at its mount point). */
export function signedRequestOf(req: IncomingMessage, url: URL, body: Buffer): SignedRequest {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    query[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return { method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, body };
}

/**
 * Who signed the request, by the server's signature mode (lenient: unknown keys act as the
 * account root; the root key pair acts as the root in both), its signature scoped to `scope`.
 */
export function callerOf(ctx: ServerContext, req: IncomingMessage, url: URL, body: Buffer, scope: CredentialScope): Promise<Caller<SessionRecord>> {
  return identifyCaller<SessionRecord>(signedRequestOf(req, url, body), {
    clock: ctx.deps.clock,
    lookupSession: (keyId: string, token: string) => ctx.store.sessions.open(keyId, token),
  }, { mode: ctx.signatureMode, accountId: ctx.config.accountId, rootKey: ctx.rootKey, scope });
}
