import { Router } from 'express';
import type { ServerContext } from '../context.js';
import { mountClusterRoutes } from './clusters.js';

/**
 * The EKS rest-json API under /clusters. Paths no route here matches (e.g.
 * /clusters/:name/pod-identity-associations) fall through to later routers.
 */
export function eksRoutes(ctx: ServerContext): Router {
  const router = Router();
  mountClusterRoutes(router, ctx);
  return router;
}
