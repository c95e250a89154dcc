import {
  createAddon,
  deleteAddon,
  describeAddon,
  describeAddonVersions,
  eksAccountRequest,
  eksAddonRequest,
  eksClusterRequest,
  listAddons,
  parseCreateAddonInput,
  parseDescribeAddonVersionsInput,
  parsePageInput,
} from '@eksid/core';
import type { Request, Router } from 'express';
import type { ServerContext } from '../context.js';
import { jsonBody, restJson } from '../protocols/rest-json.js';
import { authorizeEksCall } from './authorize.js';

const BASE = '/:name/addons';
const ONE = `${BASE}/:addonName`;

const cluster = (req: Request) => String(req.params['name']);
const addon = (req: Request) => String(req.params['addonName']);

/**
 * CreateAddon, ListAddons, DescribeAddon, DeleteAddon at the EKS model's paths, mounted under
 * /clusters; which add-ons exist is core's eks/addon.ts. UpdateAddon is not served.
 */
export function mountAddonRoutes(router: Router, ctx: ServerContext): void {
  router.post(BASE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksClusterRequest(ctx, 'CreateAddon', cluster(req)));
    return { addon: createAddon(ctx, parseCreateAddonInput(cluster(req), jsonBody(req))) };
  }));
  router.get(BASE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksClusterRequest(ctx, 'ListAddons', cluster(req)));
    return listAddons(ctx, cluster(req), parsePageInput(req.query as Record<string, unknown>));
  }));
  router.get(ONE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksAddonRequest(ctx, 'DescribeAddon', cluster(req), addon(req)));
    return { addon: describeAddon(ctx, cluster(req), addon(req)) };
  }));
  router.delete(ONE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksAddonRequest(ctx, 'DeleteAddon', cluster(req), addon(req)));
    return { addon: deleteAddon(ctx, cluster(req), addon(req)) };
  }));
}

/** DescribeAddonVersions at GET /addons/supported-versions, mounted under /addons. */
export function mountAddonVersionRoutes(router: Router, ctx: ServerContext): void {
  router.get('/supported-versions', restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksAccountRequest('DescribeAddonVersions'));
    return describeAddonVersions(parseDescribeAddonVersionsInput(req.query as Record<string, unknown>));
  }));
}
