import { Router } from 'express';
import type { RequestHandler } from 'express';
import type { ServerContext } from '../context.js';
import { expressBody } from '../protocols/fast-routes.js';
import { identifyRestJsonCaller } from '../protocols/rest-json-auth.js';
import { sendRestJsonError } from '../protocols/rest-json.js';
import { mountAddonRoutes, mountAddonVersionRoutes } from './addons.js';
import { rememberSigner } from './authorize.js';
import { mountClusterRoutes } from './clusters.js';
import { mountPodIdentityAssociationRoutes } from './pod-identity-associations.js';
import { mountTagRoutes } from './tags.js';
import { mountUpdateRoutes } from './updates.js';

/** Every EKS call's signature is checked first (SigV4 service `eks`): strict mode refuses unsigned ones. */
function identifySigner(ctx: ServerContext): RequestHandler {
  return (req, res, next) => {
    identifyRestJsonCaller(ctx, req, req.originalUrl, expressBody(req), 'eks').then((caller) => {
      rememberSigner(req, caller);
      next();
    }, (err: unknown) => sendRestJsonError(ctx, res, err));
  };
}

/**
 * The EKS rest-json API under /clusters: clusters, Pod Identity associations, add-ons and their updates.
 * Paths no route here matches fall through to later routers.
 */
export function eksRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.use(identifySigner(ctx));
  mountClusterRoutes(router, ctx);
  mountPodIdentityAssociationRoutes(router, ctx);
  mountAddonRoutes(router, ctx);
  mountUpdateRoutes(router, ctx);
  return router;
}

/** The EKS operations outside /clusters, each at its model path: /tags/{resourceArn} and /addons/supported-versions. */
export function eksTagRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.use(identifySigner(ctx));
  mountTagRoutes(router, ctx);
  return router;
}

export function eksAddonVersionRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.use(identifySigner(ctx));
  mountAddonVersionRoutes(router, ctx);
  return router;
}
