import { eksInput, eksTaggingRequest, listTagsForResource, tagResource, untagResource } from '@eksid/core';
import type { Request, Router } from 'express';
import type { ServerContext } from '../context.js';
import { jsonBody, restJson } from '../protocols/rest-json.js';
import { authorizeEksCall } from './authorize.js';

/**
 * The ARN in /tags/{resourceArn}. The SDKs percent-encode the whole label, slashes included
 * (botocore serialize.py, a non-greedy label), so it is one path segment; a client that leaves
 * the slashes bare sends several, which the splat rejoins.
 */
const resourceArn = (req: Request): string => [req.params['resourceArn'] ?? []].flat().join('/');

/** TagResource, UntagResource, ListTagsForResource at /tags/{resourceArn} (botocore eks/2017-11-01/service-2.json). */
export function mountTagRoutes(router: Router, ctx: ServerContext): void {
  router.post('/*resourceArn', restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksTaggingRequest('TagResource', resourceArn(req)));
    return tagResource(ctx, eksInput('TagResource', { path: { resourceArn: resourceArn(req) }, body: jsonBody(req) }));
  }));
  router.delete('/*resourceArn', restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksTaggingRequest('UntagResource', resourceArn(req)));
    return untagResource(ctx, eksInput('UntagResource', { path: { resourceArn: resourceArn(req) }, query: req.query as Record<string, unknown> }));
  }));
  router.get('/*resourceArn', restJson(ctx, async (req) => {
    await authorizeEksCall(ctx, req, eksTaggingRequest('ListTagsForResource', resourceArn(req)));
    return listTagsForResource(ctx, eksInput('ListTagsForResource', { path: { resourceArn: resourceArn(req) } }).resourceArn);
  }));
}
