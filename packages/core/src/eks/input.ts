import { parseRestJsonInput } from '../shapes/index.js';
import type { RestJsonRequest } from '../shapes/index.js';
import { eksShapes } from '../shapes/models/index.js';
import type { EksInputs } from '../shapes/models/index.js';
import { InvalidParameterError } from './errors.js';

/**
 * An EKS request read through its model (botocore eks/2017-11-01). EKS models no
 * ValidationException: a request that breaks the model is answered InvalidParameterException 400,
 * the error every EKS operation lists for an invalid parameter, in AWS's "N validation errors
 * detected" wording (shapes/violations.ts). An empty nextToken (`?nextToken=`, as some clients
 * send on the first page) is no token.
 */
export function eksInput<K extends keyof EksInputs & string>(operation: K, request: RestJsonRequest): EksInputs[K] {
  const input = parseRestJsonInput(eksShapes, operation, request, InvalidParameterError);
  const paged = input as { nextToken?: string };
  if (paged.nextToken === '') delete paged.nextToken;
  return input;
}
