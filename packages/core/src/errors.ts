/**
 * The one base class for every error that reaches a client as an AWS error document.
 * Protocol adapters (awsQuery XML, rest-json) render any AwsError; routes never build
 * error bodies by hand. Caller bugs are TypeErrors, never AwsErrors.
 */
export type Fault = 'Sender' | 'Receiver';

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: Fault;

  constructor(code: string, message: string, status = 400, fault: Fault = status >= 500 ? 'Receiver' : 'Sender') {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.fault = fault;
  }
}

/** Shared by every awsQuery service: missing/invalid parameters (status 400). */
export class ValidationError extends AwsError {
  constructor(message: string) {
    super('ValidationError', message, 400);
  }
}

/** Unknown Action on an awsQuery endpoint; AWS answers 400 InvalidAction. */
export class InvalidActionError extends AwsError {
  constructor(action: string) {
    super('InvalidAction', `Could not find operation ${action} for version NO_VERSION_SPECIFIED`, 400);
  }
}

/** Anything unexpected: rendered as AWS's InternalFailure, never as a stack trace. */
export class InternalFailureError extends AwsError {
  constructor() {
    super('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
  }
}

/** Same code and status in IAM and STS (session policies): a policy document that does not parse or validate. */
export class MalformedPolicyDocumentError extends AwsError {
  constructor(message: string) {
    super('MalformedPolicyDocument', message, 400);
  }
}
