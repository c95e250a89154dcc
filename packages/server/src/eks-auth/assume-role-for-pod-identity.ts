import { InvalidParameterError, InvalidRequestError } from '@eksid/core';
import type { AssumeRoleForPodIdentityInput } from '@eksid/core';

// Constraints from botocore eks-auth/2023-11-26/service-2.json (clusterName, JwtToken shapes).
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;
const TOKEN = /^[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+$/;
const MAX_TOKEN = 20_000;

/** Validates the path and body at the edge; the core takes typed input only. */
export function parseAssumeRoleForPodIdentityInput(clusterName: string, body: unknown): AssumeRoleForPodIdentityInput {
  if (clusterName.length < 1 || clusterName.length > 100 || !CLUSTER_NAME.test(clusterName)) {
    throw new InvalidParameterError(`The parameter clusterName '${clusterName}' is invalid: it must be 1-100 characters matching ${CLUSTER_NAME.source}.`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidRequestError('The request body must be a JSON object with a token.');
  }
  const token = (body as { token?: unknown }).token;
  if (token === undefined || token === null) throw new InvalidParameterError('The parameter token is required.');
  if (typeof token !== 'string') throw new InvalidParameterError('The parameter token must be a string.');
  if (token.length > MAX_TOKEN || !TOKEN.test(token)) {
    throw new InvalidParameterError('The parameter token is not a valid JWT: it must be three base64url parts separated by dots.');
  }
  return { clusterName, token };
}

