import { InvalidParameterError } from './errors.js';

/*
 * Readers for rest-json request members. A JSON body arrives as `unknown`; these narrow one
 * member at a time and answer wrong types the way EKS does, with InvalidParameterException
 * naming the member. Constraint wording follows AWS's validation messages
 * ("1 validation error detected: Value … at '…' failed to satisfy constraint: …").
 */
export type Fields = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request body as an object; an absent body is an empty one. */
export function requestFields(body: unknown): Fields {
  if (body === undefined || body === null) return {};
  if (!isRecord(body)) throw new InvalidParameterError('The request body must be a JSON object');
  return body;
}

export function constraintError(member: string, value: unknown, constraint: string): InvalidParameterError {
  const shown = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return new InvalidParameterError(`1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}

export function optionalString(fields: Fields, member: string): string | undefined {
  const value = fields[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw constraintError(member, value, 'Member must be a string');
  return value;
}

export function requiredString(fields: Fields, member: string): string {
  const value = optionalString(fields, member);
  if (value === undefined) throw new InvalidParameterError(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  return value;
}

export function optionalBoolean(fields: Fields, member: string): boolean | undefined {
  const value = fields[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw constraintError(member, value, 'Member must be a boolean');
  return value;
}

export function optionalStringList(fields: Fields, member: string): string[] | undefined {
  const value = fields[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw constraintError(member, value, 'Member must be a list of strings');
  return value as string[];
}

export function optionalObject(fields: Fields, member: string): Fields | undefined {
  const value = fields[member];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw constraintError(member, value, 'Member must be an object');
  return value;
}

/** EKS TagMap limits (service-2.json TagMap, TagKey, TagValue). */
export const MAX_TAGS = 50;

/**
 * Tag lengths count Unicode characters (code points), as the TagMap documentation states
 * them ("128 Unicode characters in UTF-8"), not UTF-16 units: one emoji is one character.
 */
export const characters = (s: string): number => [...s].length;

/** EKS TagMap: 1–50 entries, keys 1–128 characters, values ≤ 256, no reserved `aws:` key (tags.ts). */
export function optionalTagMap(fields: Fields, member: string): Record<string, string> | undefined {
  const value = optionalObject(fields, member);
  if (value === undefined) return undefined;
  const entries = Object.entries(value);
  if (entries.length > MAX_TAGS) throw constraintError(member, `${entries.length} tags`, `Member must have length less than or equal to ${MAX_TAGS}`);
  const tags: Record<string, string> = {};
  for (const [key, tagValue] of entries) {
    if (characters(key) < 1 || characters(key) > 128) throw constraintError(`${member}.key`, key, 'Member must have length between 1 and 128');
    if (typeof tagValue !== 'string') throw constraintError(`${member}.${key}`, tagValue, 'Member must be a string');
    if (characters(tagValue) > 256) throw constraintError(`${member}.${key}`, tagValue, 'Member must have length less than or equal to 256');
    tags[key] = tagValue;
  }
  return tags;
}
