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
