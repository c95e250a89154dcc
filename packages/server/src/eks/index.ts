import { Router } from 'express';
import type { ServerContext } from '../context.js';
import { mountClusterRoutes } from './clusters.js';
import { mountPodIdentityAssociationRoutes } from './pod-identity-associations.js';

/**
 * The EKS rest-json API under /clusters: clusters and Pod Identity associations. Paths no
 * route here matches fall through to later routers.
 */
export function eksRoutes(ctx: ServerContext): Router {
  const router = Router();
  mountClusterRoutes(router, ctx);
  mountPodIdentityAssociationRoutes(router, ctx);
  return router;
}
