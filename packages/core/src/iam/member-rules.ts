/**
 * Named IAM member constraints, read from the generated model (shapes/models/iam.ts), for code
 * that checks one value at a time: config files (apply/rules.ts) and the Constraints class that
 * handlers written before the shape layer use. New awsQuery handlers read their whole input with
 * parseQueryInput instead.
 */
import { rangeFailures, stringFailures } from '../shapes/constraints.js';
import { iamShapes } from '../shapes/models/iam.js';
import type { Shape } from '../shapes/types.js';

export type StringRule = Pick<Shape, 'min' | 'max' | 'pattern' | 'enum'>;

function shape(name: string): Pick<Shape, 'min' | 'max' | 'pattern' | 'enum'> {
  const found = iamShapes.shapes[name];
  if (found === undefined) throw new TypeError(`iam model has no shape ${name}`);
  const { min, max, pattern, enum: values } = found;
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }), ...(pattern === undefined ? {} : { pattern }), ...(values === undefined ? {} : { enum: values }) };
}

export const ROLE_NAME: StringRule = shape('roleNameType');
export const POLICY_NAME: StringRule = shape('policyNameType');
export const PATH: StringRule = shape('pathType');
export const PATH_PREFIX: StringRule = shape('pathPrefixType');
export const POLICY_PATH: StringRule = shape('policyPathType');
export const POLICY_DOCUMENT: StringRule = shape('policyDocumentType');
export const ROLE_DESCRIPTION: StringRule = shape('roleDescriptionType');
export const POLICY_DESCRIPTION: StringRule = shape('policyDescriptionType');
export const ARN: StringRule = shape('arnType');
export const OIDC_URL: StringRule = shape('OpenIDConnectProviderUrlType');
export const CLIENT_ID: StringRule = shape('clientIDType');
export const THUMBPRINT: StringRule = shape('thumbprintType');
export const MARKER: StringRule = shape('markerType');
export const TAG_KEY: StringRule = shape('tagKeyType');
export const TAG_VALUE: StringRule = shape('tagValueType');
export const MAX_SESSION_DURATION = shape('roleMaxSessionDurationType') as { min: number; max: number };
export const MAX_ITEMS = shape('maxItemsType') as { min: number; max: number };

/** Each constraint `value` breaks, worded "Member must …" as AWS words it (shapes/constraints.ts). */
export function ruleFailures(value: string, rule: StringRule): string[] {
  return stringFailures(value, rule);
}

/** The range failure of a numeric member, if any. */
export function rangeFailure(value: number, range: { min: number; max: number }): string | undefined {
  return rangeFailures(value, range)[0];
}
