import { AwsError, OIDC_CACHE_CONTROL, discoveryDocument, issuerUrl, jwksFor } from '@eksid/core';
import type { ClusterRecord } from '@eksid/core';
import { Router } from 'express';
import type { Request, Response } from 'express';
import type { ServerContext } from '../context.js';
import { sendRestJsonError } from '../protocols/rest-json.js';

/**
 * Every cluster's OIDC issuer, mounted at /id: `<public-url>/id/<OIDC_ID>` serves the
 * discovery document and the JWKS the way oidc.eks.<region>.amazonaws.com does. Both are
 * JSON with a public max-age, which verifiers (STS, go-oidc, jose) cache.
 */
export function oidcRoutes(ctx: ServerContext): Router {
  const router = Router();
  router.get('/:oidcId/.well-known/openid-configuration', (req, res) => {
    const cluster = clusterFor(ctx, req, res);
    if (cluster) sendCachedJson(res, discoveryDocument(issuerUrl(ctx.config, cluster.oidcId)));
  });
  router.get('/:oidcId/keys', (req, res) => {
    const cluster = clusterFor(ctx, req, res);
    if (cluster) sendCachedJson(res, jwksFor(ctx.store, ctx.deps, cluster.name));
  });
  return router;
}

function clusterFor(ctx: ServerContext, req: Request, res: Response): ClusterRecord | undefined {
  const oidcId = String(req.params['oidcId']);
  const cluster = ctx.store.clusters.byOidcId(oidcId);
  if (!cluster) sendRestJsonError(ctx, res, new AwsError('NotFoundException', `No OIDC issuer with id ${oidcId}`, 404));
  return cluster;
}

function sendCachedJson(res: Response, body: unknown): void {
  res.setHeader('Cache-Control', OIDC_CACHE_CONTROL);
  res.type('application/json').send(JSON.stringify(body));
}
