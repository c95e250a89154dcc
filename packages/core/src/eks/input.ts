import { parseRestJsonInput } from '../shapes/index.js';
import type { RestJsonRequest } from '../shapes/index.js';
import { eksShapes } from '../shapes/models/index.js';
import type { EksInputs } from '../shapes/models/index.js';
import { InvalidParameterError } from './errors.js';

/**
 * An EKS request read through its model (botocore eks/2017-11-01). EKS models no
 * ValidationException, so a request that breaks the model is answered InvalidParameterException
 * 400 ("The specified parameter is invalid", the shape's documentation) in AWS's "N validation
 * errors detected" wording (shapes/violations.ts). No recorded EKS answer to a model violation
 * was found: the code is inferred from the model's error list (inf). An empty nextToken
 * (`?nextToken=`) is no token.
 */
export function eksInput<K extends keyof EksInputs & string>(operation: K, request: RestJsonRequest): EksInputs[K] {
  const input = parseRestJsonInput(eksShapes, operation, request, InvalidParameterError);
  const paged = input as { nextToken?: string };
  if (paged.nextToken === '') delete paged.nextToken;
  return input;
}
