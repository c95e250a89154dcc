import { createCluster, deleteCluster, describeCluster, listClusters, parseCreateClusterInput, parseListClustersInput } from '@eksid/core';
import type { Router } from 'express';
import type { ServerContext } from '../context.js';
import { jsonBody, restJson } from '../protocols/rest-json.js';

/**
 * CreateCluster, ListClusters, DescribeCluster, DeleteCluster at the paths of the EKS model
 * (botocore eks/2017-11-01/service-2.json "requestUri"), mounted under /clusters.
 */
export function mountClusterRoutes(router: Router, ctx: ServerContext): void {
  router.post('/', restJson(ctx, async (req) => ({ cluster: await createCluster(ctx, parseCreateClusterInput(jsonBody(req))) })));
  router.get('/', restJson(ctx, (req) => listClusters(ctx, parseListClustersInput(req.query as Record<string, unknown>))));
  router.get('/:name', restJson(ctx, (req) => ({ cluster: describeCluster(ctx, String(req.params['name'])) })));
  router.delete('/:name', restJson(ctx, (req) => ({ cluster: deleteCluster(ctx, String(req.params['name'])) })));
}
