import { HttpStatusError } from '../errors.js';
import { findResponseError } from '../credentials/eks-auth-errors.js';

/**
 * pkg/errors/errors.go HandleCredentialFetchingError: validation errors keep their own
 * status; an EKS Auth failure answers with EKS Auth's status (500 when there was none) and
 * `[<reqId>]: (<Code>): <message>, fault: <fault>`; anything else is 500 with its text.
 */
export function describeCredentialError(err: unknown): { status: number; body: string } {
  if (err instanceof HttpStatusError) return { status: err.status, body: err.message };
  const responseError = findResponseError(err);
  if (responseError === undefined) return { status: 500, body: err instanceof Error ? err.message : String(err) };
  const parts = [`[${responseError.requestId}]`];
  const api = responseError.apiError;
  if (api !== undefined) parts.push(`(${api.code}): ${api.message}, fault: ${api.fault}`);
  return { status: responseError.status === 0 ? 500 : responseError.status, body: parts.join(': ') };
}
