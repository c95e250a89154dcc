import { AwsError } from '@eksid/core';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { ServerContext } from './context.js';
import { dashboardRoutes } from './dashboard/index.js';
import { eksAuthRoutes } from './eks-auth/index.js';
import { eksRoutes } from './eks/index.js';
import { eksidRoutes } from './eksid/index.js';
import { iamService } from './iam/index.js';
import { oidcRoutes } from './oidc/index.js';
import { awsQueryHandler, bodyReadError, sendQueryError } from './protocols/aws-query.js';
import { requestIdOf } from './protocols/request-id.js';
import { sendRestJsonError } from './protocols/rest-json.js';
import { stsService } from './sts/index.js';

/** Largest request body accepted, in bytes; STS tokens are ≤ 20000 chars and policies a few KB. */
export const BODY_LIMIT = 1024 * 1024;

/** The awsQuery services; unsigned calls to an action none of them has get STS's InvalidAction. */
export const AWS_QUERY_SERVICES = [stsService, iamService] as const;

/**
 * The single endpoint: every AWS service eksid emulates, routed the way AWS would reach it
 * when a client sets AWS_ENDPOINT_URL to this server.
 */
export function createApp(ctx: ServerContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Raw bytes: SigV4 verification needs the body exactly as signed. Under startServer, `POST /`
  // bodies sent without Content-Encoding never get here: server.ts reads them itself.
  app.use(express.raw({ type: () => true, limit: BODY_LIMIT }));

  app.use('/_eksid', eksidRoutes(ctx));
  app.use('/id', oidcRoutes(ctx));
  app.use('/clusters', eksAuthRoutes(ctx));
  app.use('/clusters', eksRoutes(ctx));

  const query = awsQueryHandler(ctx, AWS_QUERY_SERVICES);
  app.post('/', query);
  app.get('/', (req, res, next) => (req.query['Action'] ? query(req, res) : next()));
  // After the awsQuery GET: the dashboard gets `GET /` only when it carries no Action.
  app.use(dashboardRoutes(ctx));

  app.use((req: Request, res: Response) => {
    sendRestJsonError(ctx, res, new AwsError('UnknownOperationException', `No operation at ${req.method} ${req.path}`, 404));
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    sendBodyError(ctx, req, res, err);
  });
  return app;
}

/** Body-parser failures (too large, bad encoding) in the protocol the path speaks. */
function sendBodyError(ctx: ServerContext, req: Request, res: Response, err: unknown): void {
  const error = bodyReadError(err);
  if (req.path === '/') {
    sendQueryError(ctx, req, res, stsService.namespace, error, requestIdOf(ctx, res));
  } else {
    sendRestJsonError(ctx, res, error);
  }
}
