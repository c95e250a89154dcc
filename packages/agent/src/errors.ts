/**
 * Errors that carry their own HTTP status, like the agent's `HttpCodeProvidingError`
 * (pkg/errors/errors.go). The HTTP layer writes `message` verbatim with `status`.
 */
export type AgentErrorCode = 'ERR_REQUEST_VALIDATION' | 'ERR_ACCESS_DENIED' | 'ERR_BIND';

export class HttpStatusError extends Error {
  constructor(
    readonly code: AgentErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400 with the message as is. */
export class RequestValidationError extends HttpStatusError {
  constructor(message: string) {
    super('ERR_REQUEST_VALIDATION', 400, message);
  }
}

/** 403; Go's AccessDeniedError.Error() prefixes `Access Denied. `. */
export class AccessDeniedError extends HttpStatusError {
  constructor(reason: string) {
    super('ERR_ACCESS_DENIED', 403, `Access Denied. ${reason}`);
  }
}

/** A listener could not be opened; message is Go-shaped: `listen tcp <addr>: bind: <reason>`. */
export class AgentBindError extends Error {
  readonly code = 'ERR_BIND';
  constructor(
    readonly address: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AgentBindError';
  }
}
