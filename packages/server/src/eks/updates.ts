import { describeUpdate, eksClusterRequest, eksInput, listUpdates } from '@eksid/core';
import type { Request, Router } from 'express';
import type { ServerContext } from '../context.js';
import { restJson } from '../protocols/rest-json.js';
import { authorizeEksCall } from './authorize.js';

const BASE = '/:name/updates';

const cluster = (req: Request) => String(req.params['name']);
const query = (req: Request) => req.query as Record<string, unknown>;

/**
 * ListUpdates and DescribeUpdate at the EKS model's paths, mounted under /clusters; the
 * add-on (or node group) they look in is a query parameter. Both act on the cluster's ARN,
 * the resource the Service Authorization Reference requires for them.
 */
export function mountUpdateRoutes(router: Router, ctx: ServerContext): void {
  router.get(BASE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksClusterRequest(ctx, 'ListUpdates', cluster(req)));
    return listUpdates(ctx, eksInput('ListUpdates', { path: { name: cluster(req) }, query: query(req) }));
  }));
  router.get(`${BASE}/:updateId`, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksClusterRequest(ctx, 'DescribeUpdate', cluster(req)));
    return { update: describeUpdate(ctx, eksInput('DescribeUpdate', { path: { name: cluster(req), updateId: String(req.params['updateId']) }, query: query(req) })) };
  }));
}
