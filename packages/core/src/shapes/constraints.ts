import { lengthWithin } from './length.js';
import { javaPattern } from './java-pattern.js';
import type { Shape } from './types.js';

/**
 * Each constraint a scalar value breaks, worded "Member must …" as AWS words it, in AWS's order:
 * length minimum, length maximum, pattern, enum (strings); range minimum, maximum (numbers).
 */
export function stringFailures(value: string, shape: Pick<Shape, 'min' | 'max' | 'pattern' | 'enum'>): string[] {
  const out: string[] = [];
  const { min, max } = shape;
  if (min !== undefined || max !== undefined) {
    const length = lengthWithin(value, min, max);
    if (min !== undefined && length < min) out.push(`Member must have length greater than or equal to ${min}`);
    if (max !== undefined && length > max) out.push(`Member must have length less than or equal to ${max}`);
  }
  if (shape.pattern !== undefined && !javaPattern(shape.pattern).test(value)) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.enum !== undefined && !shape.enum.includes(value)) out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  return out;
}

export function rangeFailures(value: number, shape: Pick<Shape, 'min' | 'max'>): string[] {
  const out: string[] = [];
  if (shape.min !== undefined && value < shape.min) out.push(`Member must have value greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && value > shape.max) out.push(`Member must have value less than or equal to ${shape.max}`);
  return out;
}

/** The constraints a scalar breaks, by its type (booleans have none). */
export function scalarFailures(shape: Shape, value: string | number | boolean): string[] {
  if (typeof value === 'string') return stringFailures(value, shape);
  if (typeof value === 'number') return rangeFailures(value, shape);
  return [];
}

/**
 * Every constraint of a list's item shape, as AWS lists them when any item of a list of strings or
 * numbers breaks one: "Value '[abc]' at 'thumbprintList' failed to satisfy constraint: Member must
 * satisfy constraint: [Member must have length less than or equal to 40, Member must have length
 * greater than or equal to 40]" — all of them, maximum first, not only the broken ones. Seen in
 * AWS's answers recorded by LocalStack's AWS-validated snapshots (lambda vpcConfig.subnetIds and
 * layers, apigateway endpointConfiguration.types: tests/aws/services/lambda_/test_lambda_api.snapshot.json,
 * tests/aws/services/apigateway/test_apigateway_api.snapshot.json) and in ACM's
 * subjectAlternativeNames answer.
 */
export function itemConstraints(shape: Pick<Shape, 'type' | 'min' | 'max' | 'pattern' | 'enum'>): string[] {
  const measure = shape.type === 'string' || shape.type === undefined ? 'length' : 'value';
  const out: string[] = [];
  if (shape.max !== undefined) out.push(`Member must have ${measure} less than or equal to ${shape.max}`);
  if (shape.min !== undefined) out.push(`Member must have ${measure} greater than or equal to ${shape.min}`);
  if (shape.pattern !== undefined) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.enum !== undefined) out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  return out;
}
