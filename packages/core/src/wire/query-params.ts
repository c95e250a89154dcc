import { ValidationError } from '../errors.js';

/**
 * awsQuery's flattened parameters (`Tags.member.1.Key=…`, `ClientIDList.member.2=…`), and the
 * query-string readers EKS's list calls use. IAM and STS inputs are read by the shape layer
 * (../shapes), which handles lists and structures from the service model.
 */
export type QueryParams = Readonly<Record<string, string>>;

export function optionalString(params: QueryParams, name: string): string | undefined {
  return params[name];
}

export function optionalBoolean(params: QueryParams, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') {
    throw new ValidationError(`Value '${value}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a boolean`);
  }
  return value === 'true';
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
