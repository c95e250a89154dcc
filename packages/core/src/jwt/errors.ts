import type { AwsError } from '../errors.js';

/** The verification steps, in the order they run; the first one that fails names the rejection. */
export type TokenCheck = 'parse' | 'alg' | 'crit' | 'issuer' | 'keys' | 'signature' | 'claims' | 'exp' | 'nbf' | 'aud';

/**
 * A token failed one check. `awsError` is what STS answers (rethrow it as is); `check` and
 * `detail` are for eksid's decision trace, e.g. check 'aud' with detail
 * `aud ["sts"] not in client ids ["sts.amazonaws.com"]`. AWS's own messages are terse
 * and never say which value was wrong, so the detail never reaches the wire.
 */
export class TokenRejectedError extends Error {
  constructor(
    readonly check: TokenCheck,
    readonly detail: string,
    readonly awsError: AwsError,
  ) {
    super(`${check}: ${detail}`, { cause: awsError });
    this.name = 'TokenRejectedError';
  }
}

/** Why a cluster's own token was refused; the Pod Identity layer maps these to its errors. */
export type ClusterTokenReason = 'malformed' | 'signature' | 'expired' | 'not-yet-valid' | 'issuer' | 'audience';

export class ClusterTokenError extends Error {
  constructor(
    readonly reason: ClusterTokenReason,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ClusterTokenError';
  }
}

const REASONS: Record<TokenCheck, ClusterTokenReason> = {
  parse: 'malformed',
  alg: 'malformed',
  crit: 'malformed',
  issuer: 'issuer',
  keys: 'signature',
  signature: 'signature',
  claims: 'malformed',
  exp: 'expired',
  nbf: 'not-yet-valid',
  aud: 'audience',
};

export function clusterTokenErrorFrom(rejection: TokenRejectedError): ClusterTokenError {
  return new ClusterTokenError(REASONS[rejection.check], rejection.detail);
}
