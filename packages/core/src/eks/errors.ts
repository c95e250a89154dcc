import { AwsError } from '../errors.js';

// Codes and statuses as EKS returns them (botocore eks/2017-11-01/service-2.json: each
// exception shape's "error": {"httpStatusCode": …}). Messages are the ones moto recorded
// from the real API (moto/eks/models.py, "Obtained through cURL responses").

/** 409: the resource exists already, e.g. "Cluster already exists with name: demo". */
export class ResourceInUseError extends AwsError {
  constructor(message: string) {
    super('ResourceInUseException', message, 409);
  }
}

/** 404: e.g. "No cluster found for name: demo." (note the final period). */
export class ResourceNotFoundError extends AwsError {
  constructor(message: string) {
    super('ResourceNotFoundException', message, 404);
  }
}

/** 400: a parameter value EKS does not accept. */
export class InvalidParameterError extends AwsError {
  constructor(message: string) {
    super('InvalidParameterException', message, 400);
  }
}

/** 400: a request EKS cannot act on as a whole (e.g. a body that is not an object). */
export class InvalidRequestError extends AwsError {
  constructor(message: string) {
    super('InvalidRequestException', message, 400);
  }
}

/** 503: "The service is unavailable. Back off and retry the operation." (botocore's doc of the shape). */
export class ServiceUnavailableError extends AwsError {
  constructor(message: string) {
    super('ServiceUnavailableException', message, 503);
  }
}

/** The one answer for a cluster name eksid does not know, from EKS and EKS Auth alike. */
export class ClusterNotFoundError extends ResourceNotFoundError {
  constructor(readonly clusterName: string) {
    super(`No cluster found for name: ${clusterName}.`);
  }
}

export function clusterNotFound(name: string): ClusterNotFoundError {
  return new ClusterNotFoundError(name);
}

/** 400 BadRequestException: what the tagging operations answer for a request they cannot apply (service-2.json TagResource errors). */
export class BadRequestError extends AwsError {
  constructor(message: string) {
    super('BadRequestException', message, 400);
  }
}

/**
 * 404 NotFoundException: the tagging operations' answer for an ARN naming no resource. The
 * message is the one moto recorded from the real API ("Resource was not found", moto/eks/models.py tag_resource).
 */
export class NotFoundError extends AwsError {
  constructor(message = 'Resource was not found') {
    super('NotFoundException', message, 404);
  }
}
