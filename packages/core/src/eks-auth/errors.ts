import { AwsError } from '../errors.js';

// EKS Auth's errors (botocore eks-auth/2023-11-26/service-2.json): rest-json, the code travels
// in x-amzn-ErrorType. Shapes EKS Auth shares with other services reuse their classes:
// ResourceNotFound, InvalidParameter, InvalidRequest (eks/errors.ts) and ExpiredTokenException
// (sts/errors.ts ExpiredTokenError, 400).

/** EKS Auth's AccessDeniedException is a 400, unlike STS's AccessDenied (403). */
export class EksAuthAccessDeniedError extends AwsError {
  constructor(message: string) {
    super('AccessDeniedException', message, 400);
  }
}

export class InvalidTokenError extends AwsError {
  constructor(message: string) {
    super('InvalidTokenException', message, 400);
  }
}
