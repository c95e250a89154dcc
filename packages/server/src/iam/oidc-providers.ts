import {
  addClientIdToOpenIdConnectProvider,
  createOpenIdConnectProvider,
  deleteOpenIdConnectProvider,
  getOpenIdConnectProvider,
  listOpenIdConnectProviderTags,
  listOpenIdConnectProviders,
  removeClientIdFromOpenIdConnectProvider,
  tagOpenIdConnectProvider,
  untagOpenIdConnectProvider,
  updateOpenIdConnectProviderThumbprint,
} from '@eksid/core';
import type { CreateOpenIdConnectProviderInput, PageRequest, QueryParams, Tag } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { Constraints } from './constraints.js';
import { pageXml, providerXml, tagXml, tagsXml } from './render.js';
import { ARN, CLIENT_ID, OIDC_URL, TAG_KEY, THUMBPRINT } from '@eksid/core';
import { page } from './rules.js';

interface ProviderRef {
  openIdConnectProviderArn: string;
}

export function parseCreateOpenIdConnectProviderInput(params: QueryParams): CreateOpenIdConnectProviderInput {
  const c = new Constraints(params);
  const input = {
    url: c.required('Url', OIDC_URL),
    clientIds: c.list('ClientIDList', CLIENT_ID),
    // Optional since 2023: IAM no longer needs thumbprints for most issuers
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc_verify-thumbprint.html).
    thumbprints: c.list('ThumbprintList', THUMBPRINT),
    tags: c.tags(),
  };
  c.done();
  return input;
}

/** Only the provider ARN: Get/DeleteOpenIDConnectProvider. */
export function parseProviderArnInput(params: QueryParams): ProviderRef {
  const c = new Constraints(params);
  const input = { openIdConnectProviderArn: c.required('OpenIDConnectProviderArn', ARN) };
  c.done();
  return input;
}

/** Add/RemoveClientID…: the ARN and one client id. */
export function parseClientIdInput(params: QueryParams): ProviderRef & { clientId: string } {
  const c = new Constraints(params);
  const input = { openIdConnectProviderArn: c.required('OpenIDConnectProviderArn', ARN), clientId: c.required('ClientID', CLIENT_ID) };
  c.done();
  return input;
}

export function parseUpdateThumbprintInput(params: QueryParams): ProviderRef & { thumbprints: string[] } {
  const c = new Constraints(params);
  const input = { openIdConnectProviderArn: c.required('OpenIDConnectProviderArn', ARN), thumbprints: c.list('ThumbprintList', THUMBPRINT, { required: true }) };
  c.done();
  return input;
}

export function parseTagProviderInput(params: QueryParams): ProviderRef & { tags: Tag[] } {
  const c = new Constraints(params);
  const input = { openIdConnectProviderArn: c.required('OpenIDConnectProviderArn', ARN), tags: c.tags('Tags', { required: true }) };
  c.done();
  return input;
}

export function parseUntagProviderInput(params: QueryParams): ProviderRef & { tagKeys: string[] } {
  const c = new Constraints(params);
  const input = { openIdConnectProviderArn: c.required('OpenIDConnectProviderArn', ARN), tagKeys: c.list('TagKeys', TAG_KEY, { max: 50, required: true }) };
  c.done();
  return input;
}

export function parseListProviderTagsInput(params: QueryParams): ProviderRef & PageRequest {
  const c = new Constraints(params);
  const input = { openIdConnectProviderArn: c.required('OpenIDConnectProviderArn', ARN), ...page(c) };
  c.done();
  return input;
}

export const oidcProviderActions: Record<string, QueryHandler> = {
  CreateOpenIDConnectProvider: ({ ctx, params }) => {
    const provider = createOpenIdConnectProvider(ctx, parseCreateOpenIdConnectProviderInput(params));
    return { OpenIDConnectProviderArn: provider.arn, Tags: tagsXml(provider.tags) };
  },
  GetOpenIDConnectProvider: ({ ctx, params }) => providerXml(getOpenIdConnectProvider(ctx, parseProviderArnInput(params).openIdConnectProviderArn)),
  ListOpenIDConnectProviders: ({ ctx }) => ({ OpenIDConnectProviderList: listOpenIdConnectProviders(ctx).map((p) => ({ Arn: p.arn })) }),
  DeleteOpenIDConnectProvider: ({ ctx, params }) => void deleteOpenIdConnectProvider(ctx, parseProviderArnInput(params).openIdConnectProviderArn),
  AddClientIDToOpenIDConnectProvider: ({ ctx, params }) => void addClientIdToOpenIdConnectProvider(ctx, parseClientIdInput(params)),
  RemoveClientIDFromOpenIDConnectProvider: ({ ctx, params }) => void removeClientIdFromOpenIdConnectProvider(ctx, parseClientIdInput(params)),
  UpdateOpenIDConnectProviderThumbprint: ({ ctx, params }) => void updateOpenIdConnectProviderThumbprint(ctx, parseUpdateThumbprintInput(params)),
  TagOpenIDConnectProvider: ({ ctx, params }) => void tagOpenIdConnectProvider(ctx, parseTagProviderInput(params)),
  UntagOpenIDConnectProvider: ({ ctx, params }) => void untagOpenIdConnectProvider(ctx, parseUntagProviderInput(params)),
  ListOpenIDConnectProviderTags: ({ ctx, params }) => pageXml('Tags', listOpenIdConnectProviderTags(ctx, parseListProviderTagsInput(params)), tagXml),
};
