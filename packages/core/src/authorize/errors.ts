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
 * MissingAuthenticationTokenException "Missing Authentication Token".
 */
export class MissingAuthenticationTokenExceptionError extends AwsError {
  constructor() {
    super('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  }
}
