import { exportClusterKey, requireCluster } from '@eksid/core';
import { Router } from 'express';
import type { ServerContext } from '../context.js';
import { jsonBody, restJson } from '../protocols/rest-json.js';
import { requireAdminToken } from './admin-guard.js';
import { applyConfig } from './apply.js';
import { listEvents } from './events.js';
import { ingestEvents } from './events-ingest.js';
import { streamEvents } from './events-stream.js';
import { explain } from './explain.js';
import { health } from './health.js';
import { rotateKey } from './rotate-key.js';
import { getServiceAccount } from './service-accounts.js';
import { mintToken } from './token.js';

/**
 * eksid's own operations under /_eksid, a prefix no AWS API uses: token minting, health,
 * key export and rotation, service-account reads (for `eksid exec`), declarative apply and the audit
 * trail of credential decisions. rest-json like EKS, errors included (the event stream
 * answers server-sent events once it is open). Everything but health needs the admin token
 * (admin-guard.ts): keys, tokens and the trail's claims are secrets, and the other routes write.
 * The dashboard (dashboard/index.ts) reads the store itself and needs none.
 */
export function eksidRoutes(ctx: ServerContext): Router {
  const router = Router();
  const admin = requireAdminToken(ctx);
  router.get('/health', restJson(ctx, () => health()));
  router.post('/token', admin, restJson(ctx, (req) => mintToken(ctx, jsonBody(req))));
  router.get('/keys/:cluster', admin, restJson(ctx, async (req) => {
    const cluster = requireCluster(ctx, String(req.params['cluster']));
    return { cluster: cluster.name, ...(await exportClusterKey(ctx.store, ctx.deps, cluster.name)) };
  }));
  router.post('/keys/:cluster/rotate', admin, restJson(ctx, (req) => rotateKey(ctx, String(req.params['cluster']), jsonBody(req))));
  router.get('/clusters/:cluster/service-accounts/:namespace/:name', admin, restJson(ctx, (req) =>
    getServiceAccount(ctx, String(req.params['cluster']), String(req.params['namespace']), String(req.params['name']))));
  router.post('/apply', admin, restJson(ctx, (req) => applyConfig(ctx, req)));
  router.get('/events', admin, restJson(ctx, (req) => listEvents(ctx, req.query as Record<string, unknown>)));
  router.post('/events', admin, restJson(ctx, (req) => ingestEvents(ctx, jsonBody(req))));
  router.get('/events/stream', admin, streamEvents(ctx));
  router.post('/explain', admin, restJson(ctx, (req) => explain(ctx, jsonBody(req))));
  return router;
}
