import { ValidationError } from '../errors.js';

/**
 * Reads awsQuery's flattened parameters (`Tags.member.1.Key=…`, `ClientIDList.member.2=…`).
 * Every parse<Action>Input goes through these, so missing and malformed parameters get one
 * wording everywhere.
 */
export type QueryParams = Readonly<Record<string, string>>;

export function optionalString(params: QueryParams, name: string): string | undefined {
  return params[name];
}

export function optionalInteger(params: QueryParams, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(value.trim())) {
    throw new ValidationError(`Value '${value}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a number`);
  }
  return Number(value);
}

export function optionalBoolean(params: QueryParams, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') {
    throw new ValidationError(`Value '${value}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a boolean`);
  }
  return value === 'true';
}

/** `Name.member.N` values in N order; an absent list is []. */
export function stringList(params: QueryParams, name: string): string[] {
  return indexed(params, `${name}.member.`).map(([, v]) => v);
}

/** `Name.member.N.Field` structures in N order, e.g. Tags → [{Key, Value}]. */
export function structList(params: QueryParams, name: string, fields: readonly string[]): Record<string, string | undefined>[] {
  const prefix = `${name}.member.`;
  const byIndex = new Map<number, Record<string, string | undefined>>();
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(prefix)) continue;
    const [index, field] = key.slice(prefix.length).split('.', 2);
    const n = Number(index);
    if (!Number.isInteger(n) || n < 1 || field === undefined || !fields.includes(field)) continue;
    const entry = byIndex.get(n) ?? {};
    entry[field] = value;
    byIndex.set(n, entry);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
}

function indexed(params: QueryParams, prefix: string): [number, string][] {
  const out: [number, string][] = [];
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(prefix)) continue;
    const n = Number(key.slice(prefix.length));
    if (Number.isInteger(n) && n >= 1) out.push([n, value]);
  }
  return out.sort(([a], [b]) => a - b);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
