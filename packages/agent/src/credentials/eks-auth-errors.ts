/**
 * EKS Auth failures with the pieces the agent reports. Go's SDK wraps every failure of a
 * sent request in a ResponseError (status 0 when nothing came back), and an APIError when
 * the body named an error code; pkg/errors/errors.go then renders
 * `[<reqId>]: (<Code>): <message>, fault: <fault>`.
 */
export type Fault = 'client' | 'server' | 'unknown';

export interface ApiErrorInfo {
  code: string;
  message: string;
  fault: Fault;
}

export class EksAuthResponseError extends Error {
  constructor(
    /** HTTP status, 0 when the request never got a response (timeout, refused). */
    readonly status: number,
    readonly requestId: string,
    readonly apiError: ApiErrorInfo | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EksAuthResponseError';
  }
}

// Faults of the modeled errors (botocore data/eks-auth/2023-11-26/service-2.json); an
// unmodeled code becomes smithy's GenericAPIError whose fault prints as "unknown".
const MODELED_FAULTS: Readonly<Record<string, Fault>> = {
  AccessDeniedException: 'client',
  ExpiredTokenException: 'client',
  InvalidParameterException: 'client',
  InvalidRequestException: 'client',
  InvalidTokenException: 'client',
  ResourceNotFoundException: 'client',
  ThrottlingException: 'client',
  InternalServerException: 'server',
  ServiceUnavailableException: 'server',
};

export function faultOf(code: string): Fault {
  return MODELED_FAULTS[code] ?? 'unknown';
}

/** Refresh failures that mean the token or association is gone for good (internal/cloud/eksauth/errors.go). */
const IRRECOVERABLE = new Set(['ResourceNotFoundException', 'ExpiredTokenException', 'InvalidTokenException', 'AccessDeniedException']);

/** The EKS Auth error code anywhere in err's cause chain, like errors.As(err, &smithy.APIError). */
export function apiErrorCode(err: unknown): string | undefined {
  return findResponseError(err)?.apiError?.code;
}

export function isIrrecoverable(err: unknown): boolean {
  const code = apiErrorCode(err);
  return code !== undefined && IRRECOVERABLE.has(code);
}

export function findResponseError(err: unknown): EksAuthResponseError | undefined {
  for (let e = err; e instanceof Error; e = e.cause) {
    if (e instanceof EksAuthResponseError) return e;
  }
  return undefined;
}
