import { InvalidParameterError, InvalidRequestError } from '../eks/errors.js';
import { parseRestJsonInput } from '../shapes/index.js';
import { eksAuthShapes } from '../shapes/models/index.js';
import type { AssumeRoleForPodIdentityInput } from './assume-role-for-pod-identity.js';

/**
 * AssumeRoleForPodIdentity's path and body read through the EKS Auth model (botocore
 * eks-auth/2023-11-26): the cluster name's length and pattern, the token's presence and JWT
 * pattern, in AWS's validation wording with EKS's InvalidParameterException; the token is
 * sensitive, so its value stays out of the message. A body that is no object at all is
 * InvalidRequestException, the error EKS Auth lists for a request it cannot read.
 */
export function parseAssumeRoleForPodIdentityInput(clusterName: string, body: unknown): AssumeRoleForPodIdentityInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InvalidRequestError('The request body must be a JSON object with a token.');
  return parseRestJsonInput(eksAuthShapes, 'AssumeRoleForPodIdentity', { path: { clusterName }, body }, InvalidParameterError);
}
