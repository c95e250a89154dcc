import { AwsError } from '../errors.js';
import type { Decision } from '../policy/index.js';

/**
 * EKS's AccessDeniedException: a 403 (botocore eks/2017-11-01 service-2.json, shape
 * AccessDeniedException, "error": {"httpStatusCode": 403}), unlike EKS Auth's 400. `decision`
 * carries the evaluation trace for the audit trail; it never reaches the wire.
 */
export class EksAccessDeniedError extends AwsError {
  constructor(
    message: string,
    readonly decision?: Decision,
  ) {
    super('AccessDeniedException', message, 403);
  }
}

/**
 * An unsigned call to a rest-json API that needs a signature: AWS's front door answers 403
 * MissingAuthenticationTokenException with the message "Missing Authentication Token" (as
 * reported in common-voice/common-voice#1599 and aws-samples/amazon-comprehend-medical-fhir-integration#9).
 */
export class EksMissingAuthenticationTokenError extends AwsError {
  constructor() {
    super('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  }
}
