/**
 * IAM's member constraints as botocore's iam/2010-05-08/service-2.json states them, by shape
 * name, and the check that words a failure as AWS's request validation does. One source for
 * the awsQuery edge (server/src/iam/constraints.ts) and for config files (apply/rules.ts).
 */
import { wholePattern } from '../wire/whole-pattern.js';

export interface StringRule {
  min?: number;
  max?: number;
  /** The model's pattern text, matched against the whole value and quoted in the message. */
  pattern?: string;
}

export const ROLE_NAME: StringRule = { min: 1, max: 64, pattern: '[\\w+=,.@-]+' }; // roleNameType
export const POLICY_NAME: StringRule = { min: 1, max: 128, pattern: '[\\w+=,.@-]+' }; // policyNameType
export const PATH: StringRule = { min: 1, max: 512, pattern: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)' }; // pathType
export const PATH_PREFIX: StringRule = { min: 1, max: 512, pattern: '\\u002F[\\u0021-\\u007F]*' }; // pathPrefixType
export const POLICY_PATH: StringRule = { min: 1, max: 512, pattern: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/' }; // policyPathType
export const POLICY_DOCUMENT: StringRule = { min: 1, max: 131072, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' }; // policyDocumentType
export const ROLE_DESCRIPTION: StringRule = { max: 1000, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*' }; // roleDescriptionType
export const POLICY_DESCRIPTION: StringRule = { max: 1000 }; // policyDescriptionType
export const ARN: StringRule = { min: 20, max: 2048 }; // arnType
export const OIDC_URL: StringRule = { min: 1, max: 255 }; // OpenIDConnectProviderUrlType
export const CLIENT_ID: StringRule = { min: 1, max: 255 }; // clientIDType
export const THUMBPRINT: StringRule = { min: 40, max: 40 }; // thumbprintType
export const MARKER: StringRule = { min: 1, max: 320, pattern: '[\\u0020-\\u00FF]+' }; // markerType
export const MAX_SESSION_DURATION = { min: 3600, max: 43200 }; // roleMaxSessionDurationType
export const MAX_ITEMS = { min: 1, max: 1000 }; // maxItemsType
export const TAG_KEY: StringRule = { min: 1, max: 128, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' };
export const TAG_VALUE: StringRule = { min: 0, max: 256, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' };

/** Each constraint `value` breaks, worded "Member must …" as AWS words it. */
export function ruleFailures(value: string, rule: StringRule): string[] {
  const out: string[] = [];
  // Lengths count UTF-16 code units in Java too.
  if (rule.min !== undefined && value.length < rule.min) out.push(`Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && value.length > rule.max) out.push(`Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern !== undefined && !wholePattern(rule.pattern, 'u').test(value)) out.push(`Member must satisfy regular expression pattern: ${rule.pattern}`);
  return out;
}

/** The range failure of a numeric member, if any. */
export function rangeFailure(value: number, range: { min: number; max: number }): string | undefined {
  if (value < range.min) return `Member must have value greater than or equal to ${range.min}`;
  if (value > range.max) return `Member must have value less than or equal to ${range.max}`;
  return undefined;
}
