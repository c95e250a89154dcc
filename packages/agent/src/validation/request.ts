import { bareHost, splitHostPort } from '@eksid/core/hosts';
import { AccessDeniedError, RequestValidationError } from '../errors.js';
import { basicClaimErrors, parseUnverified } from './jwt-unverified.js';

/**
 * The agent's request checks in its order (internal/validation/request.go): target host
 * first, then the token. The token is only parsed and time-checked; EKS Auth validates it.
 */

/** The hosts the real agent hard-codes (configuration/config.go), whatever it binds. */
export const REAL_TARGET_HOSTS: readonly string[] = ['169.254.170.23', 'fd00:ec2::23'];

export function validateCredentialsRequest(request: { host: string | undefined; token: string }, allowedHosts: readonly string[], nowMs: number): void {
  validateTargetHost(request.host ?? '', allowedHosts);
  validateToken(request.token, nowMs);
}

export function validateTargetHost(hostHeader: string, allowedHosts: readonly string[]): void {
  // Compared exactly, case included, as the agent's Go code does.
  const host = bareHost(splitHostPort(hostHeader) ?? hostHeader);
  if (allowedHosts.includes(host)) return;
  // `%s` of a Go []string prints `[a b]`.
  throw new AccessDeniedError(`Called agent through invalid address, please use either [${allowedHosts.join(' ')}] address not ${host}`);
}

export function validateToken(token: string, nowMs: number): void {
  if (token === '') throw new RequestValidationError('Service account token cannot be empty');
  let claims;
  try {
    claims = parseUnverified(token);
  } catch (err) {
    throw new RequestValidationError(`Service account token cannot be parsed: ${(err as Error).message}`);
  }
  const errors = basicClaimErrors(claims, nowMs);
  if (errors.length > 0) throw new RequestValidationError(`Service account token failed basic claim validations: ${errors.join('\n')}`);
}
