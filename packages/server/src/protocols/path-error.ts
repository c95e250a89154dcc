import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from '../context.js';
import { stsService } from '../sts/index.js';
import { sendQueryError } from './aws-query.js';
import { requestIdOf } from './request-id.js';
import { sendRestJsonError } from './rest-json.js';

/** Whether a request target is awsQuery's `/` (any query), the one path that speaks it. */
export function isAwsQueryPath(url: string): boolean {
  return url.split('?', 1)[0] === '/';
}

/**
 * An error answered before any route took the request, in the protocol its path speaks:
 * awsQuery (as STS) at `/`, rest-json ({"message"}) everywhere else (EKS, EKS Auth, /_eksid, OIDC).
 */
export function sendPathError(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (isAwsQueryPath(req.url ?? '/')) {
    sendQueryError(ctx, req, res, stsService.namespace, error, requestIdOf(ctx, res));
  } else {
    sendRestJsonError(ctx, res, error);
  }
}
