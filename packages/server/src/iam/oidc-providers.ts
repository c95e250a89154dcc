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
import { iamInput, pageOf } from './input.js';
import { pageXml, providerXml, tagXml, tagsXml } from './render.js';

interface ProviderRef {
  openIdConnectProviderArn: string;
}

export function parseCreateOpenIdConnectProviderInput(params: QueryParams): CreateOpenIdConnectProviderInput {
  const i = iamInput('CreateOpenIDConnectProvider', params);
  return {
    url: i.Url,
    clientIds: i.ClientIDList ?? [],
    // Optional since 2023: IAM no longer needs thumbprints for most issuers
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc_verify-thumbprint.html).
    thumbprints: i.ThumbprintList ?? [],
    tags: i.Tags ?? [],
  };
}

/** Only the provider ARN: Get/DeleteOpenIDConnectProvider. */
export function parseProviderArnInput(params: QueryParams): ProviderRef {
  return { openIdConnectProviderArn: iamInput('GetOpenIDConnectProvider', params).OpenIDConnectProviderArn };
}

/** Add/RemoveClientID…: the ARN and one client id. */
export function parseClientIdInput(params: QueryParams): ProviderRef & { clientId: string } {
  const i = iamInput('AddClientIDToOpenIDConnectProvider', params);
  return { openIdConnectProviderArn: i.OpenIDConnectProviderArn, clientId: i.ClientID };
}

export function parseUpdateThumbprintInput(params: QueryParams): ProviderRef & { thumbprints: string[] } {
  const i = iamInput('UpdateOpenIDConnectProviderThumbprint', params);
  return { openIdConnectProviderArn: i.OpenIDConnectProviderArn, thumbprints: i.ThumbprintList };
}

export function parseTagProviderInput(params: QueryParams): ProviderRef & { tags: Tag[] } {
  const i = iamInput('TagOpenIDConnectProvider', params);
  return { openIdConnectProviderArn: i.OpenIDConnectProviderArn, tags: i.Tags };
}

export function parseUntagProviderInput(params: QueryParams): ProviderRef & { tagKeys: string[] } {
  const i = iamInput('UntagOpenIDConnectProvider', params);
  return { openIdConnectProviderArn: i.OpenIDConnectProviderArn, tagKeys: i.TagKeys };
}

export function parseListProviderTagsInput(params: QueryParams): ProviderRef & PageRequest {
  const i = iamInput('ListOpenIDConnectProviderTags', params);
  return { openIdConnectProviderArn: i.OpenIDConnectProviderArn, ...pageOf(i) };
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
