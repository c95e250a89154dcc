import { AwsError, InvalidActionError, identifyCaller, queryErrorXml, queryResponseXml } from '@eksid/core';
import type { Caller, QueryParams, SessionRecord, XmlValue } from '@eksid/core';
import type { Request, Response } from 'express';
import type { ServerContext } from '../context.js';
import { requestIdOf, sourceIpOf } from './request-id.js';

/** What an awsQuery action handler gets: typed context, the flattened params, who signed. */
export interface QueryRequest {
  ctx: ServerContext;
  action: string;
  params: QueryParams;
  caller: Caller<SessionRecord>;
  sourceIp: string;
  requestId: string;
}

export type QueryHandler = (req: QueryRequest) => XmlValue | Promise<XmlValue>;

export interface QueryService {
  /** SigV4 service name in the credential scope. */
  signingName: string;
  namespace: string;
  actions: Readonly<Record<string, QueryHandler>>;
}

/**
 * STS and IAM share `POST /` (and STS also GET /?Action=…). The SigV4 credential scope names
 * the service when the request is signed; unsigned requests (AssumeRoleWithWebIdentity) are
 * routed by action name. Unknown actions get InvalidAction from the service they were sent to.
 */
export function awsQueryHandler(ctx: ServerContext, services: readonly QueryService[]) {
  const fallback = services[0] as QueryService;
  return async (req: Request, res: Response): Promise<void> => {
    const requestId = requestIdOf(ctx, res);
    // Parsed once: the params, the SigV4 scope and the signed request all read the query.
    const url = new URL(req.originalUrl, 'http://x');
    const params = collectParams(req, url);
    const action = params['Action'];
    const service = serviceFromScope(req, url, services) ?? services.find((s) => action !== undefined && Object.hasOwn(s.actions, action)) ?? fallback;
    try {
      if (!action) throw new AwsError('MissingAction', 'Missing Action', 400);
      const handler = Object.hasOwn(service.actions, action) ? service.actions[action] : undefined;
      if (!handler) throw new InvalidActionError(action);
      const caller = await identifyCaller<SessionRecord>(signedRequestOf(req, url), {
        clock: ctx.deps.clock,
        lookupSession: (keyId: string) => ctx.store.sessions.get(keyId),
      }, { mode: ctx.signatureMode, accountId: ctx.config.accountId });
      const result = await handler({ ctx, action, params, caller, sourceIp: sourceIpOf(req), requestId });
      sendQueryResult(req, res, service, action, result, requestId);
    } catch (err) {
      sendQueryError(ctx, req, res, service.namespace, err, requestId);
    }
  };
}

function collectParams(req: Request, url: URL): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of url.searchParams) params[k] = v;
  if (Buffer.isBuffer(req.body) && req.body.length > 0 && isForm(req)) {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params[k] = v;
  }
  return params;
}

function isForm(req: Request): boolean {
  const type = req.headers['content-type'] ?? 'application/x-www-form-urlencoded';
  return type.startsWith('application/x-www-form-urlencoded');
}

function serviceFromScope(req: Request, url: URL, services: readonly QueryService[]): QueryService | undefined {
  const auth = req.headers.authorization ?? '';
  const credential = /Credential=([^,\s]+)/.exec(auth)?.[1] ?? url.searchParams.get('X-Amz-Credential') ?? '';
  const scopeService = credential.split('/')[3];
  return services.find((s) => s.signingName === scopeService);
}

function signedRequestOf(req: Request, url: URL) {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    query[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return {
    method: req.method,
    path: url.pathname,
    query,
    headers: req.headers,
    body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
  };
}

/** AWS returns JSON for awsQuery when the client asks for it with Accept. */
function wantsJson(req: Request): boolean {
  return (req.headers.accept ?? '').includes('application/json');
}

function sendQueryResult(req: Request, res: Response, service: QueryService, action: string, result: XmlValue, requestId: string): void {
  if (wantsJson(req)) {
    res.type('application/json').send(JSON.stringify({ [`${action}Response`]: { [`${action}Result`]: result ?? null, ResponseMetadata: { RequestId: requestId } } }));
    return;
  }
  res.type('text/xml').send(queryResponseXml(action, service.namespace, result, requestId));
}

export function sendQueryError(ctx: ServerContext, req: Request, res: Response, namespace: string, err: unknown, requestId: string): void {
  let error: AwsError;
  if (err instanceof AwsError) {
    error = err;
  } else {
    ctx.log.error({ err }, 'unexpected error');
    error = new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
  }
  res.status(error.status);
  if (wantsJson(req)) {
    res.type('application/json').send(JSON.stringify({ Error: { Type: error.fault, Code: error.code, Message: error.message }, RequestId: requestId }));
    return;
  }
  res.type('text/xml').send(queryErrorXml(namespace, error, requestId));
}
