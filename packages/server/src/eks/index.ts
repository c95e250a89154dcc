import { Router } from 'express';
import type { ServerContext } from '../context.js';
import { expressBody } from '../protocols/fast-routes.js';
import { identifyRestJsonCaller } from '../protocols/rest-json-auth.js';
import { sendRestJsonError } from '../protocols/rest-json.js';
import { rememberSigner } from './authorize.js';
import { mountClusterRoutes } from './clusters.js';
import { mountPodIdentityAssociationRoutes } from './pod-identity-associations.js';

/**
 * The EKS rest-json API under /clusters: clusters and Pod Identity associations. Paths no
 * route here matches fall through to later routers. Every call's signature is checked first
 * (SigV4 service `eks`): strict mode refuses unsigned ones.
 */
export function eksRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.use((req, res, next) => {
    identifyRestJsonCaller(ctx, req, req.originalUrl, expressBody(req), 'eks').then((caller) => {
      rememberSigner(req, caller);
      next();
    }, (err: unknown) => sendRestJsonError(ctx, res, err));
  });
  mountClusterRoutes(router, ctx);
  mountPodIdentityAssociationRoutes(router, ctx);
  return router;
}
