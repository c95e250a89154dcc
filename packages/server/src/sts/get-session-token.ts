import { getSessionToken, parseQueryInput, stsShapes } from '@eksid/core';
import type { GetSessionTokenInput, QueryParams } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';
import { credentialsXml } from './assume-role-with-web-identity.js';

export function parseGetSessionTokenInput(params: QueryParams): GetSessionTokenInput {
  return parseQueryInput(stsShapes, 'GetSessionToken', params);
}

export const handleGetSessionToken: QueryHandler = ({ ctx, params, caller, sourceIp }) => {
  const input = parseGetSessionTokenInput(params);
  return { Credentials: credentialsXml(getSessionToken(ctx, { caller, sourceIp }, input).Credentials) };
};
