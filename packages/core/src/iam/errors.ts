import { AwsError } from '../errors.js';

// Codes and statuses as IAM returns them (botocore iam/2010-05-08/service-2.json "errors").

export class NoSuchEntityError extends AwsError {
  constructor(message: string) {
    super('NoSuchEntity', message, 404);
  }
}

export class EntityAlreadyExistsError extends AwsError {
  constructor(message: string) {
    super('EntityAlreadyExists', message, 409);
  }
}

export class DeleteConflictError extends AwsError {
  constructor(message: string) {
    super('DeleteConflict', message, 409);
  }
}

export class LimitExceededError extends AwsError {
  constructor(message: string) {
    super('LimitExceeded', message, 409);
  }
}

export class InvalidInputError extends AwsError {
  constructor(message: string) {
    super('InvalidInput', message, 400);
  }
}

export class PolicyNotAttachableError extends AwsError {
  constructor(message: string) {
    super('PolicyNotAttachable', message, 400);
  }
}
