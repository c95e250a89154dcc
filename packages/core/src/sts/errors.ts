import { AwsError } from '../errors.js';
import type { Decision } from '../policy/index.js';

// Codes and statuses as STS returns them (botocore sts/2011-06-15/service-2.json "errors").

export class InvalidIdentityTokenError extends AwsError {
  constructor(message: string) {
    super('InvalidIdentityToken', message, 400);
  }
}

export class ExpiredTokenError extends AwsError {
  constructor(message = 'Token expired') {
    super('ExpiredTokenException', message, 400);
  }
}

/**
 * STS's AccessDenied (403), e.g. a trust policy that does not allow the caller. `decision`
 * carries the evaluation trace behind a policy denial so eksid can explain it; it never
 * reaches the wire (AWS's messages name only the action and resource).
 */
export class AccessDeniedError extends AwsError {
  constructor(
    message: string,
    readonly decision?: Decision,
  ) {
    super('AccessDenied', message, 403);
  }
}

/**
 * An unsigned call to an action that needs a signature; STS answers 403 with this text
 * (the wording every AWS query API uses, e.g. as reproduced by awsim and LocalStack).
 */
export class MissingAuthenticationTokenError extends AwsError {
  constructor() {
    super('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  }
}

/** A parameter that is well-formed but not acceptable, e.g. a session tag key given twice. */
export class InvalidParameterValueError extends AwsError {
  constructor(message: string) {
    super('InvalidParameterValue', message, 400);
  }
}

export class PackedPolicyTooLargeError extends AwsError {
  constructor(message: string) {
    super('PackedPolicyTooLarge', message, 400);
  }
}

export class RegionDisabledError extends AwsError {
  constructor(message: string) {
    super('RegionDisabledException', message, 403);
  }
}

/** A request signed with credentials eksid does not accept (bad signature, unknown key in strict mode). */
export class SignatureDoesNotMatchError extends AwsError {
  constructor(message = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.') {
    super('SignatureDoesNotMatch', message, 403);
  }
}

export class InvalidClientTokenIdError extends AwsError {
  constructor(message = 'The security token included in the request is invalid.') {
    super('InvalidClientTokenId', message, 403);
  }
}

/**
 * Temporary credentials (an ASIA key with its session token) eksid has no session for: the
 * client gets InvalidClientTokenId, as STS answers; the key is kept so the server can say in
 * its log what usually happened (a reset data directory, credentials a client cached).
 */
export class UnknownSessionError extends InvalidClientTokenIdError {
  constructor(readonly accessKeyId: string) {
    super();
  }
}

/** Presented session credentials that have expired. */
export class ExpiredSessionTokenError extends AwsError {
  constructor(message = 'The security token included in the request is expired') {
    super('ExpiredToken', message, 403);
  }
}

/**
 * DecodeAuthorizationMessage given a message STS cannot read (botocore sts/2011-06-15:
 * "The error returned if the message passed to DecodeAuthorizationMessage was invalid").
 */
export class InvalidAuthorizationMessageError extends AwsError {
  constructor(message: string) {
    super('InvalidAuthorizationMessageException', message, 400);
  }
}
