import {
  createPodIdentityAssociation,
  deletePodIdentityAssociation,
  describePodIdentityAssociation,
  eksAssociationRequest,
  eksClusterRequest,
  eksInput,
  eksPassRoleRequest,
  listPodIdentityAssociations,
  parseCreatePodIdentityAssociationInput,
  updatePodIdentityAssociation,
} from '@eksid/core';
import type { Request, Router } from 'express';
import type { ServerContext } from '../context.js';
import { jsonBody, restJson } from '../protocols/rest-json.js';
import { authorizeEksCall } from './authorize.js';

const BASE = '/:name/pod-identity-associations';
const ONE = `${BASE}/:associationId`;

const cluster = (req: Request) => String(req.params['name']);
const id = (req: Request) => String(req.params['associationId']);
const path = (req: Request) => ({ name: cluster(req), associationId: id(req) });

/** iam:PassRole for the association's role, when the body names one (authorize.ts). */
function passRole(ctx: ServerContext, req: Request) {
  if (!ctx.enforceIam) return undefined;
  const body = jsonBody(req);
  const roleArn = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['roleArn'] : undefined;
  return eksPassRoleRequest(ctx, roleArn, cluster(req));
}

/**
 * The five Pod Identity association operations at the EKS model's paths (botocore
 * eks/2017-11-01/service-2.json): each answers {"association": …} except List.
 */
export function mountPodIdentityAssociationRoutes(router: Router, ctx: ServerContext): void {
  router.post(BASE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksClusterRequest(ctx, 'CreatePodIdentityAssociation', cluster(req)), passRole(ctx, req));
    return { association: createPodIdentityAssociation(ctx, parseCreatePodIdentityAssociationInput(cluster(req), jsonBody(req))) };
  }));
  router.get(BASE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksClusterRequest(ctx, 'ListPodIdentityAssociations', cluster(req)));
    return listPodIdentityAssociations(ctx, eksInput('ListPodIdentityAssociations', { path: { name: cluster(req) }, query: req.query as Record<string, unknown> }));
  }));
  router.get(ONE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksAssociationRequest(ctx, 'DescribePodIdentityAssociation', cluster(req), id(req)));
    const input = eksInput('DescribePodIdentityAssociation', { path: path(req) });
    return { association: describePodIdentityAssociation(ctx, input.clusterName, input.associationId) };
  }));
  router.post(ONE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksAssociationRequest(ctx, 'UpdatePodIdentityAssociation', cluster(req), id(req)), passRole(ctx, req));
    return { association: updatePodIdentityAssociation(ctx, eksInput('UpdatePodIdentityAssociation', { path: path(req), body: jsonBody(req) })) };
  }));
  router.delete(ONE, restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksAssociationRequest(ctx, 'DeletePodIdentityAssociation', cluster(req), id(req)));
    const input = eksInput('DeletePodIdentityAssociation', { path: path(req) });
    return { association: deletePodIdentityAssociation(ctx, input.clusterName, input.associationId) };
  }));
}
