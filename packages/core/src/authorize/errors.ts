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
