import { decodeAuthorizationMessage, getAccessKeyInfo, parseQueryInput, stsShapes } from '@eksid/core';
import type { QueryHandler } from '../protocols/aws-query.js';

export const handleGetAccessKeyInfo: QueryHandler = ({ ctx, params, caller, sourceIp }) => {
  const input = parseQueryInput(stsShapes, 'GetAccessKeyInfo', params);
  return { Account: getAccessKeyInfo(ctx, { caller, sourceIp }, input).Account };
};

export const handleDecodeAuthorizationMessage: QueryHandler = ({ ctx, params, caller, sourceIp }) =>
  decodeAuthorizationMessage(ctx, { caller, sourceIp }, parseQueryInput(stsShapes, 'DecodeAuthorizationMessage', params));
