import { AwsError } from '../errors.js';

/**
 * A config document eksid cannot apply. The message starts with the path of the offending
 * value (`roles[1].trustPolicy: expected an object`) so a user finds it without a stack
 * trace. Errors from the IAM/EKS domain keep their AWS code and gain the path; all are 400
 * because the document, not the server, is at fault.
 */
export class ConfigError extends AwsError {
  constructor(
    readonly path: string,
    detail: string,
    code = 'ValidationException',
  ) {
    super(code, path ? `${path}: ${detail}` : detail, 400);
  }
}

/** Runs one step of an apply; a domain error it throws is re-raised pointing at `path`. */
export function at<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    if (err instanceof AwsError) throw new ConfigError(path, err.message, err.code);
    throw err;
  }
}
