import { createCluster, deleteCluster, describeCluster, eksAccountRequest, eksClusterRequest, eksInput, listClusters, parseCreateClusterInput } from '@eksid/core';
import type { Request, Router } from 'express';
import type { ServerContext } from '../context.js';
import { jsonBody, restJson } from '../protocols/rest-json.js';
import { authorizeEksCall } from './authorize.js';

const name = (req: Request) => String(req.params['name']);
const query = (req: Request) => req.query as Record<string, unknown>;

/**
 * CreateCluster, ListClusters, DescribeCluster, DeleteCluster at the paths of the EKS model
 * (botocore eks/2017-11-01/service-2.json "requestUri"), mounted under /clusters.
 */
export function mountClusterRoutes(router: Router, ctx: ServerContext): void {
  router.post('/', restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksAccountRequest('CreateCluster'));
    return { cluster: await createCluster(ctx, parseCreateClusterInput(jsonBody(req))) };
  }));
  router.get('/', restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksAccountRequest('ListClusters'));
    return listClusters(ctx, eksInput('ListClusters', { query: query(req) }));
  }));
  router.get('/:name', restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksClusterRequest(ctx, 'DescribeCluster', name(req)));
    return { cluster: describeCluster(ctx, eksInput('DescribeCluster', { path: { name: name(req) } }).name) };
  }));
  router.delete('/:name', restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksClusterRequest(ctx, 'DeleteCluster', name(req)));
    return { cluster: deleteCluster(ctx, eksInput('DeleteCluster', { path: { name: name(req) } }).name) };
  }));
}
