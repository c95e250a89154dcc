import type { PageRequest } from '@eksid/core';
import type { Constraints, StringRule } from './constraints.js';

// Member shapes of botocore iam/2010-05-08/service-2.json, by shape name.
export const ROLE_NAME: StringRule = { min: 1, max: 64, pattern: '[\\w+=,.@-]+' }; // roleNameType
export const POLICY_NAME: StringRule = { min: 1, max: 128, pattern: '[\\w+=,.@-]+' }; // policyNameType
export const PATH: StringRule = { min: 1, max: 512, pattern: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)' }; // pathType
export const PATH_PREFIX: StringRule = { min: 1, max: 512, pattern: '\\u002F[\\u0021-\\u007F]*' }; // pathPrefixType
export const POLICY_PATH: StringRule = { min: 1, max: 512, pattern: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/' }; // policyPathType
export const POLICY_DOCUMENT: StringRule = { min: 1, max: 131072, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' }; // policyDocumentType
export const ROLE_DESCRIPTION: StringRule = { max: 1000, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*' }; // roleDescriptionType
export const POLICY_DESCRIPTION: StringRule = { max: 1000 }; // policyDescriptionType
export const ARN: StringRule = { min: 20, max: 2048 }; // arnType
export const OIDC_URL: StringRule = { min: 1, max: 255 }; // OpenIDConnectProviderUrlType
export const CLIENT_ID: StringRule = { min: 1, max: 255 }; // clientIDType
export const THUMBPRINT: StringRule = { min: 40, max: 40 }; // thumbprintType
export const MARKER: StringRule = { min: 1, max: 320, pattern: '[\\u0020-\\u00FF]+' }; // markerType
export const MAX_SESSION_DURATION = { min: 3600, max: 43200 }; // roleMaxSessionDurationType
export const MAX_ITEMS = { min: 1, max: 1000 }; // maxItemsType

/** Marker and MaxItems, which every paginated List* action takes. */
export function page(c: Constraints): PageRequest {
  return { marker: c.optional('Marker', MARKER), maxItems: c.integer('MaxItems', MAX_ITEMS) };
}
