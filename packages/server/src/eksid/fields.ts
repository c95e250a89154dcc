import { InvalidParameterError } from '@eksid/core';

/** Readers for the JSON bodies of eksid's own endpoints; every bad member is a 400 naming it. */
export type Body = Readonly<Record<string, unknown>>;

export function bodyObject(raw: unknown): Body {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InvalidParameterError('The request body must be a JSON object');
  return raw as Body;
}

export function requiredName(body: Body, member: string): string {
  const value = body[member];
  if (typeof value !== 'string' || value === '') throw new InvalidParameterError(`'${member}' is required and must be a non-empty string`);
  return value;
}

export function optionalNames(body: Body, member: string): string[] | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((v) => typeof v === 'string' && v !== '')) {
    throw new InvalidParameterError(`'${member}' must be a non-empty string or a list of them`);
  }
  return list as string[];
}
