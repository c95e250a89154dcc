import { AwsError } from '@eksid/core';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from './context.js';
import { dashboardRoutes } from './dashboard/index.js';
import { eksAuthFastRoute, eksAuthRoutes } from './eks-auth/index.js';
import { eksAddonVersionRoutes, eksRoutes, eksTagRoutes } from './eks/index.js';
import { eksidRoutes } from './eksid/index.js';
import { iamService } from './iam/index.js';
import type { ServerMetrics } from './metrics/server-metrics.js';
import { METRICS_PATH, metricsEndpoint, timeRoutes } from './metrics/routes.js';
import type { RequestDurations } from './metrics/request-durations.js';
import { oidcRoutes } from './oidc/index.js';
import { awsQueryEndpoint, awsQueryHandler, bodyReadError } from './protocols/aws-query.js';
import type { FastRoute } from './protocols/fast-routes.js';
import { sendPathError } from './protocols/path-error.js';
import { sendRestJsonError } from './protocols/rest-json.js';
import { stsService } from './sts/index.js';

/** Largest request body accepted, in bytes; STS tokens are ≤ 20000 chars and policies a few KB. */
export const BODY_LIMIT = 1024 * 1024;

/** The awsQuery services; unsigned calls to an action none of them has get STS's InvalidAction. */
const AWS_QUERY_SERVICES = [stsService, iamService] as const;

/**
 * The single endpoint: every AWS service eksid emulates, routed the way AWS would reach it
 * when a client sets AWS_ENDPOINT_URL to this server, and its Prometheus metrics at /metrics.
 */
export function createApp(ctx: ServerContext, metrics: ServerMetrics): express.Express {
  const { requests } = metrics;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Raw bytes: SigV4 verification needs the body exactly as signed. Under startServer, the
  // requests fastRoutes claims never get here: server.ts reads their bodies itself.
  app.use(express.raw({ type: () => true, limit: BODY_LIMIT }));

  app.get(METRICS_PATH, timeRoutes(requests, { service: 'eksid', mount: '' }), metricsEndpoint(metrics.registry));
  app.use('/_eksid', timeRoutes(requests, { service: 'eksid', mount: '/_eksid' }), eksidRoutes(ctx));
  app.use('/id', timeRoutes(requests, { service: 'oidc', mount: '/id' }), oidcRoutes(ctx));
  app.use('/clusters', eksAuthRoutes(ctx, requests));
  app.use('/clusters', timeRoutes(requests, { service: 'eks', mount: '/clusters' }), eksRoutes(ctx));
  app.use('/tags', timeRoutes(requests, { service: 'eks', mount: '/tags' }), eksTagRoutes(ctx));
  app.use('/addons', timeRoutes(requests, { service: 'eks', mount: '/addons' }), eksAddonVersionRoutes(ctx));

  // awsQuery lives at `/` alone. Express also matches `//` to '/' (its trailing slash is
  // optional), and the awsQuery endpoint cannot parse a URL that starts with `//` (it reads
  // as a scheme-relative URL), so `//` gets the 404 below like any path without a service.
  const query = awsQueryHandler(ctx, AWS_QUERY_SERVICES, requests);
  app.post('/', (req, res, next) => (req.path === '/' ? query(req, res) : next()));
  app.get('/', (req, res, next) => (req.path === '/' && req.query['Action'] ? query(req, res) : next()));
  // After the awsQuery GET: the dashboard gets `GET /` only when it carries no Action.
  app.use(timeRoutes(requests, { service: 'dashboard', mount: '' }), dashboardRoutes(ctx));

  app.use(timeRoutes(requests, { service: 'none', action: 'unmatched' }), (req: Request, res: Response) => {
    sendRestJsonError(ctx, res, new AwsError('UnknownOperationException', `No operation at ${req.method} ${req.path}`, 404));
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    sendBodyError(ctx, req, res, err);
  });
  return app;
}

/**
 * The credential requests startServer serves without express (protocols/fast-routes.ts):
 * `POST /` (every STS and IAM call) and EKS Auth's AssumeRoleForPodIdentity, each in its plain
 * spelling. The same endpoints are routed above for everything else.
 */
export function fastRoutes(ctx: ServerContext, requests: RequestDurations): FastRoute[] {
  const query = awsQueryEndpoint(ctx, AWS_QUERY_SERVICES, requests);
  const awsQuery: FastRoute = (method, url) => (method === 'POST' && (url === '/' || url.startsWith('/?')) ? query : undefined);
  return [awsQuery, eksAuthFastRoute(ctx, requests)];
}

/** Body-parser failures (too large, bad encoding, cut short) in the protocol the path speaks. */
export function sendBodyError(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, err: unknown): void {
  sendPathError(ctx, req, res, bodyReadError(err));
}
