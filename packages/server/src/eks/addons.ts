import {
  createAddon,
  deleteAddon,
  describeAddon,
  describeAddonVersions,
  eksAccountRequest,
  eksAddonRequest,
  eksClusterRequest,
  eksInput,
  listAddons,
  parseCreateAddonInput,
  parseUpdateAddonInput,
  updateAddon,
} from '@eksid/core';
import type { Request, Router } from 'express';
import type { ServerContext } from '../context.js';
import { jsonBody, restJson } from '../protocols/rest-json.js';
import { authorizeEksCall } from './authorize.js';

const BASE = '/:name/addons';
const ONE = `${BASE}/:addonName`;

const cluster = (req: Request) => String(req.params['name']);
const addon = (req: Request) => String(req.params['addonName']);
const query = (req: Request) => req.query as Record<string, unknown>;

/**
 * CreateAddon, ListAddons, DescribeAddon, DeleteAddon and UpdateAddon at the EKS model's
 * paths, mounted under /clusters; which add-ons exist is core's eks/addon.ts. UpdateAddon
 * answers {"update": …}, followed with DescribeUpdate (updates.ts).
 */
export function mountAddonRoutes(router: Router, ctx: ServerContext): void {
  router.post(BASE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksClusterRequest(ctx, 'CreateAddon', cluster(req)));
    return { addon: createAddon(ctx, parseCreateAddonInput(cluster(req), jsonBody(req))) };
  }));
  router.get(BASE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksClusterRequest(ctx, 'ListAddons', cluster(req)));
    return listAddons(ctx, eksInput('ListAddons', { path: { name: cluster(req) }, query: query(req) }));
  }));
  router.get(ONE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksAddonRequest(ctx, 'DescribeAddon', cluster(req), addon(req)));
    const input = eksInput('DescribeAddon', { path: { name: cluster(req), addonName: addon(req) } });
    return { addon: describeAddon(ctx, input.clusterName, input.addonName) };
  }));
  router.post(`${ONE}/update`, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksAddonRequest(ctx, 'UpdateAddon', cluster(req), addon(req)));
    return { update: updateAddon(ctx, parseUpdateAddonInput(cluster(req), addon(req), jsonBody(req))) };
  }));
  router.delete(ONE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksAddonRequest(ctx, 'DeleteAddon', cluster(req), addon(req)));
    const input = eksInput('DeleteAddon', { path: { name: cluster(req), addonName: addon(req) }, query: query(req) });
    return { addon: deleteAddon(ctx, input.clusterName, input.addonName) };
  }));
}

/** DescribeAddonVersions at GET /addons/supported-versions, mounted under /addons. */
export function mountAddonVersionRoutes(router: Router, ctx: ServerContext): void {
  router.get('/supported-versions', restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksAccountRequest('DescribeAddonVersions'));
    return describeAddonVersions(eksInput('DescribeAddonVersions', { query: query(req) }));
  }));
}
