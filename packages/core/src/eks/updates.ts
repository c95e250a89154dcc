import { requireAddon } from './addon.js';
import type { EksContext } from './cluster.js';
import { requireCluster } from './describe-cluster.js';
import { ResourceNotFoundError } from './errors.js';
import { pageStart, pageToken } from './page-token.js';
import type { DescribeUpdateInput, ListUpdatesInput } from './parse-addon.js';
import { updateNotFound, updateView } from './update.js';
import type { Update } from './update.js';

/*
 * DescribeUpdate and ListUpdates. An update belongs to one scope: its add-on when addonName
 * is given, else the cluster itself, and is found only there (update.ts updateNotFound).
 * eksid makes updates only through UpdateAddon, so the cluster's own scope is always empty.
 * It has no node groups or capabilities: naming one is 404, with the message EKS gives for a
 * missing node group (moto/eks/models.py, recorded from the API) and its like for a
 * capability (inf).
 */
/** The add-on an update call names, or null for the cluster's own updates; the cluster must exist. */
function updateScope(ctx: EksContext, input: { name: string; addonName?: string; nodegroupName?: string; capabilityName?: string }): string | null {
  requireCluster(ctx, input.name);
  if (input.nodegroupName !== undefined) throw new ResourceNotFoundError(`No node group found for name: ${input.nodegroupName}.`);
  if (input.capabilityName !== undefined) throw new ResourceNotFoundError(`No capability found for name: ${input.capabilityName}.`);
  return input.addonName ?? null;
}

export function describeUpdate(ctx: EksContext, input: DescribeUpdateInput): Update {
  const addonName = updateScope(ctx, input);
  const record = ctx.store.updates.get(ctx.config.accountId, input.name, addonName, input.updateId);
  if (!record) throw updateNotFound(input.updateId);
  return updateView(record);
}

export interface ListUpdatesOutput {
  updateIds: string[];
  nextToken?: string;
}

/**
 * Oldest first; a page token names the first update of the next page. An add-on that is not
 * installed is 404 as DescribeAddon says it (inf).
 */
export function listUpdates(ctx: EksContext, input: ListUpdatesInput): ListUpdatesOutput {
  const from = input.nextToken === undefined ? undefined : pageStart('update', input.nextToken);
  const addonName = updateScope(ctx, input);
  if (addonName !== null) requireAddon(ctx, input.name, addonName);
  const ids = ctx.store.updates.list(ctx.config.accountId, input.name, addonName, from).map((u) => u.id);
  const max = input.maxResults ?? 100;
  const next = ids[max];
  return next === undefined ? { updateIds: ids.slice(0, max) } : { updateIds: ids.slice(0, max), nextToken: pageToken('update', next) };
}
