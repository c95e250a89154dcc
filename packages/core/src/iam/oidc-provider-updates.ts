import type { Tag } from '../store/index.js';
import type { IamContext } from './context.js';
import { checkClientIds, checkThumbprints, getOpenIdConnectProvider } from './oidc-providers.js';
import { paginate } from './paginate.js';
import type { Page, PageRequest } from './paginate.js';
import { mergeTags, removeTags } from './tags.js';

interface ProviderRef {
  openIdConnectProviderArn: string;
}

/** Adding a client id already present succeeds without change (documented as idempotent). */
export function addClientIdToOpenIdConnectProvider(ctx: IamContext, input: ProviderRef & { clientId: string }): void {
  const provider = getOpenIdConnectProvider(ctx, input.openIdConnectProviderArn);
  ctx.store.oidcProviders.put({ ...provider, clientIds: checkClientIds([...provider.clientIds, input.clientId]) });
}

/** Removing a client id that is not there succeeds too (documented as idempotent). */
export function removeClientIdFromOpenIdConnectProvider(ctx: IamContext, input: ProviderRef & { clientId: string }): void {
  const provider = getOpenIdConnectProvider(ctx, input.openIdConnectProviderArn);
  ctx.store.oidcProviders.put({ ...provider, clientIds: provider.clientIds.filter((id) => id !== input.clientId) });
}

/** Replaces the whole thumbprint list. */
export function updateOpenIdConnectProviderThumbprint(ctx: IamContext, input: ProviderRef & { thumbprints: string[] }): void {
  const provider = getOpenIdConnectProvider(ctx, input.openIdConnectProviderArn);
  ctx.store.oidcProviders.put({ ...provider, thumbprints: checkThumbprints(input.thumbprints) });
}

export function tagOpenIdConnectProvider(ctx: IamContext, input: ProviderRef & { tags: Tag[] }): void {
  const provider = getOpenIdConnectProvider(ctx, input.openIdConnectProviderArn);
  ctx.store.oidcProviders.put({ ...provider, tags: mergeTags(provider.tags, input.tags) });
}

export function untagOpenIdConnectProvider(ctx: IamContext, input: ProviderRef & { tagKeys: string[] }): void {
  const provider = getOpenIdConnectProvider(ctx, input.openIdConnectProviderArn);
  ctx.store.oidcProviders.put({ ...provider, tags: removeTags(provider.tags, input.tagKeys) });
}

export function listOpenIdConnectProviderTags(ctx: IamContext, input: ProviderRef & PageRequest): Page<Tag> {
  return paginate(getOpenIdConnectProvider(ctx, input.openIdConnectProviderArn).tags, (t) => t.Key, input);
}
