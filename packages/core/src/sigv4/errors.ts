import { AwsError } from '../errors.js';

/**
 * A signature AWS cannot even parse: missing Credential/Signature/SignedHeaders, bad date,
 * unknown algorithm. 400 per the "Common Errors" page every AWS API reference carries
 * (e.g. https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html). A signature
 * that parses but is wrong or stale is SignatureDoesNotMatch (sts/errors.ts) instead.
 */
export class IncompleteSignatureError extends AwsError {
  constructor(message: string) {
    super('IncompleteSignature', message, 400);
  }
}

/*
 * The same refusals as rest-json services (EKS, EKS Auth) word them: a front end shared with API
 * Gateway answers an unsigned call 403 MissingAuthenticationTokenException "Missing Authentication
 * Token" (as common-voice/common-voice#1599 and smarty-archives/go-aws-auth#48 show it), an unknown
 * key UnrecognizedClientException (`aws eks describe-cluster` in aws/aws-cli#5823), and a bad
 * signature or scope InvalidSignatureException (aws/aws-sdk-js#4545), each keeping STS's message
 * where it has one.
 */

export class MissingAuthenticationTokenException extends AwsError {
  constructor() {
    super('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  }
}

export class UnrecognizedClientException extends AwsError {
  constructor() {
    super('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);
  }
}

export class InvalidSignatureException extends AwsError {
  constructor(message: string) {
    super('InvalidSignatureException', message, 403);
  }
}
