import { AwsError, InternalFailureError, InvalidActionError, MissingAuthenticationTokenError, UnknownSessionError, queryErrorXml, queryResponseXml } from '@eksid/core';
import type { Caller, CredentialScope, QueryParams, SessionRecord, XmlValue } from '@eksid/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Request, Response } from 'express';
import type { ServerContext } from '../context.js';
import type { RequestDurations, RouteSeries } from '../metrics/request-durations.js';
import { expressBody } from './fast-routes.js';
import { formPairs } from './form-body.js';
import type { RawEndpoint } from './fast-routes.js';
import { mediaTypeOf } from './media-type.js';
import { requestIdOf, sourceIpOf } from './request-id.js';
import { callerOf } from './signed-request.js';
import { sendText } from './send.js';

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
  /** The credential scope a signature must carry, for a server in `region`. */
  scope(region: string): CredentialScope;
  /** Actions AWS serves unsigned (smithy.api#noAuth in the service's model); all others need a signature in strict mode. */
  unsignedActions?: readonly string[];
  /** Runs after the caller is known and before the action; throws to refuse the call. */
  authorize?: (req: QueryRequest) => void;
}

/**
 * STS and IAM share `POST /` (and STS also GET /?Action=…). The SigV4 credential scope names
 * the service when the request is signed; unsigned requests (AssumeRoleWithWebIdentity) are
 * routed by action name. Unknown actions get InvalidAction from the service they were sent to.
 * Plain node:http types: server.ts serves `POST /` with it without going through express.
 * Each answer is timed under its service and action (an action the service lacks is `other`).
 */
export function awsQueryEndpoint(ctx: ServerContext, services: readonly QueryService[], requests: RequestDurations): RawEndpoint {
  const fallback = services[0] as QueryService;
  const seriesOf = actionSeries(services, requests);
  return async (req, res, body) => {
    const started = performance.now();
    const requestId = requestIdOf(ctx, res);
    // Parsed once: the params, the SigV4 scope and the signed request all read the query.
    const url = req.url === '/' ? ROOT_URL : new URL(req.url ?? '/', 'http://x');
    const params = collectParams(req, url, body);
    const action = params['Action'];
    const service = serviceFromScope(req, url, services) ?? services.find((s) => action !== undefined && Object.hasOwn(s.actions, action)) ?? fallback;
    try {
      if (!action) throw new AwsError('MissingAction', 'Missing Action', 400);
      const handler = Object.hasOwn(service.actions, action) ? service.actions[action] : undefined;
      if (!handler) throw new InvalidActionError(action);
      const caller = await callerOf(ctx, req, url, body, service.scope(ctx.config.region));
      if (caller.kind === 'anonymous' && ctx.signatureMode === 'strict' && !service.unsignedActions?.includes(action)) {
        throw new MissingAuthenticationTokenError();
      }
      const request: QueryRequest = { ctx, action, params, caller, sourceIp: sourceIpOf(req), requestId };
      service.authorize?.(request);
      const result = await handler(request);
      sendQueryResult(req, res, service, action, result, requestId);
    } catch (err) {
      sendQueryError(ctx, req, res, service.namespace, err, requestId);
    }
    seriesOf(service, action).answered(res.statusCode, started);
  };
}

/**
 * `POST /`, every SDK's STS and IAM request, parsed once for all of them: nothing writes to a
 * request's URL (readers only), and parsing it again cost ~1.5 % of an AssumeRoleWithWebIdentity.
 */
const ROOT_URL = new URL('/', 'http://x');

/** Every action's duration series, made up front: a request only looks its own up. */
function actionSeries(services: readonly QueryService[], requests: RequestDurations): (service: QueryService, action: string | undefined) => RouteSeries {
  const byService = new Map(services.map((service) => {
    const actions = new Map(Object.keys(service.actions).map((action) => [action, requests.route(service.signingName, action)]));
    return [service, { actions, other: requests.route(service.signingName, 'other') }];
  }));
  return (service, action) => {
    const own = byService.get(service);
    if (own === undefined) throw new TypeError(`not one of this endpoint's services: ${service.signingName}`);
    return (action === undefined ? undefined : own.actions.get(action)) ?? own.other;
  };
}

/** The endpoint as an express route, for the requests express read the body of. */
export function awsQueryHandler(ctx: ServerContext, services: readonly QueryService[], requests: RequestDurations) {
  const endpoint = awsQueryEndpoint(ctx, services, requests);
  return (req: Request, res: Response): Promise<void> => endpoint(req, res, expressBody(req));
}

function collectParams(req: IncomingMessage, url: URL, body: Buffer): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of url.searchParams) params[k] = v;
  if (body.length > 0 && isForm(req)) {
    formPairs(body.toString('utf8'), params);
  }
  return params;
}

const FORM = 'application/x-www-form-urlencoded';

/** A body without Content-Type is read as a form, as the SDKs always label theirs. */
function isForm(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  // The exact header first: it is what the SDKs send, and needs no lowercased copy.
  return type === undefined || type === FORM || mediaTypeOf(type) === FORM;
}

function serviceFromScope(req: IncomingMessage, url: URL, services: readonly QueryService[]): QueryService | undefined {
  const auth = req.headers.authorization ?? '';
  const credential = /Credential=([^,\s]+)/.exec(auth)?.[1] ?? url.searchParams.get('X-Amz-Credential') ?? '';
  const scopeService = credential.split('/')[3];
  return services.find((s) => s.signingName === scopeService);
}


/** AWS returns JSON for awsQuery when the client asks for it with Accept. */
function wantsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('application/json');
}

function sendQueryResult(req: IncomingMessage, res: ServerResponse, service: QueryService, action: string, result: XmlValue, requestId: string): void {
  if (wantsJson(req)) {
    sendText(res, 200, 'application/json', JSON.stringify({ [`${action}Response`]: { [`${action}Result`]: result ?? null, ResponseMetadata: { RequestId: requestId } } }));
    return;
  }
  sendText(res, 200, 'text/xml', queryResponseXml(action, service.namespace, result, requestId));
}

/**
 * What the log says when temporary credentials are unknown: the client only sees STS's
 * InvalidClientTokenId. Seen in practice after a fresh data directory, with the aws CLI still
 * holding keys from the earlier one in its credential cache.
 */
export const UNKNOWN_SESSION_HINT =
  'temporary credentials this eksid has no session for (InvalidClientTokenId): issued before its data directory was reset, or by another eksid? The aws CLI keeps them in ~/.aws/cli/cache until they expire (rm -rf ~/.aws/cli/cache)';

export function sendQueryError(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, namespace: string, err: unknown, requestId: string): void {
  let error: AwsError;
  if (err instanceof AwsError) {
    error = err;
    if (err instanceof UnknownSessionError) ctx.log.warn({ accessKeyId: err.accessKeyId }, UNKNOWN_SESSION_HINT);
  } else {
    ctx.log.error({ err }, 'unexpected error');
    error = new InternalFailureError();
  }
  if (wantsJson(req)) {
    sendText(res, error.status, 'application/json', JSON.stringify({ Error: { Type: error.fault, Code: error.code, Message: error.message }, RequestId: requestId }));
    return;
  }
  sendText(res, error.status, 'text/xml', queryErrorXml(namespace, error, requestId));
}

/** A body that could not be read (too large, bad encoding, cut short) as the AWS error answered for it. */
export function bodyReadError(err: unknown): unknown {
  const status = (err as { status?: number }).status ?? 500;
  if (status === 413) return new AwsError('RequestEntityTooLarge', 'Request body is too large', 413);
  return status < 500 ? new AwsError('SerializationException', 'The request body could not be read', 400) : err;
}
