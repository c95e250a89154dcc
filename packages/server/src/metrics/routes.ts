import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import type { RequestDurations } from './request-durations.js';

/** The path Prometheus scrapes by default. No AWS API eksid serves has it (STS, IAM, EKS, EKS Auth, OIDC). */
export const METRICS_PATH = '/metrics';

/**
 * GET /metrics: the registry in Prometheus' text format. Read-only, and it names no principal,
 * role or key: only counts by service, action, outcome and status class.
 */
export function metricsEndpoint(registry: Registry): RequestHandler {
  return (_req, res, next) => {
    registry.metrics().then((text) => {
      res.status(200).setHeader('cache-control', 'no-store').setHeader('x-content-type-options', 'nosniff').type(registry.contentType).send(text);
    }, next);
  };
}

/** Which routes a timer stands before: a service and where its router is mounted, or none matched. */
export type RouteFamily = { service: string; mount: string } | { service: string; action: string };

const FAMILY = 'eksidRouteFamily';

/** A router's route pattern as the client sees it: `/clusters` + `/:name`; `/clusters` + `/` is `/clusters`. */
const routePath = (mount: string, pattern: string): string => (mount !== '' && pattern === '/' ? mount : `${mount}${pattern}`);

/**
 * Times the express-served requests of a family of routes (eksid's own, OIDC, EKS, the
 * dashboard), labelled with the pattern of the route that answered (`GET /clusters/:name`), never
 * the path. Put before a family's router: a request that falls through several routers is
 * timed once, under the family that answered it. The AWS endpoints that also have a raw fast
 * path (awsQuery, EKS Auth) time themselves by action instead, and stand behind no timer.
 */
export function timeRoutes(requests: RequestDurations, family: RouteFamily): RequestHandler {
  return (req, res, next) => {
    if (res.locals[FAMILY] === undefined) {
      const started = performance.now();
      res.once('finish', () => {
        const answered = res.locals[FAMILY] as RouteFamily;
        const pattern: unknown = req.route?.path;
        const action = 'action' in answered ? answered.action : typeof pattern === 'string' ? `${req.method} ${routePath(answered.mount, pattern)}` : 'unmatched';
        requests.route(answered.service, action).answered(res.statusCode, started);
      });
    }
    res.locals[FAMILY] = family;
    next();
  };
}
