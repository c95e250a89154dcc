import { parseArn } from '../ids/index.js';
import type { ClusterSpec, EksContext } from './cluster.js';
import { BadRequestError, NotFoundError } from './errors.js';
import type { TagResourceRequest, UntagResourceRequest } from '../shapes/models/eks.js';
import { checkReservedTagKeys } from './tags.js';

/*
 * TagResource, UntagResource, ListTagsForResource (POST/DELETE/GET /tags/{resourceArn}) over
 * the EKS resources eksid keeps: clusters, Pod Identity associations and add-ons. Their errors
 * are the two the model lists for these operations: BadRequestException for a request that
 * cannot be applied, NotFoundException for an ARN naming nothing (another account or region
 * included). Tags set here are the ones Describe* shows, and the other way round.
 */

export type TagResourceInput = TagResourceRequest;
export type UntagResourceInput = UntagResourceRequest;

/** TagMap's maximum (service-2.json), which also bounds the tags a resource keeps. */
const MAX_TAGS = 50;

interface TaggedResource {
  tags: Readonly<Record<string, string>>;
  write(tags: Record<string, string>): void;
}

/** The resource an ARN names, with a way to replace its tags; NotFoundException when there is none. */
function resolve(ctx: EksContext, resourceArn: string): TaggedResource {
  const arn = parseArn(resourceArn);
  if (!arn || arn.service !== 'eks') throw new BadRequestError(`Invalid ARN: ${resourceArn}`); // (inf)
  const { store, config } = ctx;
  if (arn.partition !== config.partition || arn.region !== config.region || arn.account !== config.accountId) throw new NotFoundError();
  const [type, ...parts] = arn.resource.split('/');
  if (type === 'cluster' && parts.length === 1) {
    const record = store.clusters.get(config.accountId, parts[0] as string);
    if (record) {
      const spec = record.spec as unknown as ClusterSpec;
      return { tags: spec.tags, write: (tags) => store.clusters.updateSpec(config.accountId, record.name, { ...record.spec, tags }) };
    }
  }
  if (type === 'podidentityassociation' && parts.length === 2) {
    const record = store.podIdentityAssociations.get(config.accountId, parts[0] as string, parts[1] as string);
    if (record) return { tags: record.tags, write: (tags) => store.podIdentityAssociations.put({ ...record, tags }) };
  }
  if (type === 'addon' && parts.length === 3) {
    const record = store.addons.get(config.accountId, parts[0] as string, parts[1] as string);
    if (record?.addonArn === resourceArn) return { tags: record.tags, write: (tags) => store.addons.put({ ...record, tags }) };
  }
  throw new NotFoundError();
}

export function listTagsForResource(ctx: EksContext, resourceArn: string): { tags: Record<string, string> } {
  return { tags: { ...resolve(ctx, resourceArn).tags } };
}

/** Adds or overwrites the given tags; the others stay. A resource keeps at most 50 (TagMap). */
export function tagResource(ctx: EksContext, input: TagResourceInput): Record<string, never> {
  return ctx.store.transaction(() => {
    checkReservedTagKeys(input.tags, BadRequestError);
    const resource = resolve(ctx, input.resourceArn);
    const tags = { ...resource.tags, ...input.tags };
    if (Object.keys(tags).length > MAX_TAGS) throw new BadRequestError(`A resource can have at most ${MAX_TAGS} tags`); // (inf)
    resource.write(tags);
    return {};
  });
}

/** Removes the given keys; keys the resource does not have are ignored, as AWS's tagging APIs do. */
export function untagResource(ctx: EksContext, input: UntagResourceInput): Record<string, never> {
  return ctx.store.transaction(() => {
    const resource = resolve(ctx, input.resourceArn);
    const tags = { ...resource.tags };
    for (const key of input.tagKeys) delete tags[key];
    resource.write(tags);
    return {};
  });
}
