import { createHash } from 'node:crypto';
import { InvalidRequestError } from './errors.js';

/*
 * clientRequestToken (an idempotencyToken in the EKS model; the SDKs fill one in per call and
 * keep it across their retries). A retry with the same token and the same parameters gets the
 * resource the first call made; the same token with other parameters is refused and creates
 * nothing. EKS's model has no IdempotentParameterMismatch shape, so the refusal is the
 * InvalidRequestException the create operations list, worded as EC2 words the same case
 * (docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html) (inf).
 */

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** A digest of a create request's parameters, the token itself left out, independent of member order. */
export function requestDigest(input: object): string {
  const { clientRequestToken: _token, ...parameters } = input as Record<string, unknown>;
  return createHash('sha256').update(JSON.stringify(canonical(parameters))).digest('base64url');
}

export class IdempotencyMismatchError extends InvalidRequestError {
  constructor() {
    super('Arguments on this idempotent request are inconsistent with arguments used in previous request(s).');
  }
}
