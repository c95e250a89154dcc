import { ConfigError } from './errors.js';

/*
 * Narrowing `unknown` config values one path at a time. Every failure names the path and
 * what was expected, in the words a YAML author understands ("expected a list").
 */
export type Json = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

export function objectAt(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(path, `expected an object, got ${describe(value)}`);
  return value as Json;
}

export function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new ConfigError(path, `expected a string, got ${describe(value)}`);
  if (value === '') throw new ConfigError(path, 'must not be empty');
  return value;
}

export function optionalStringAt(value: unknown, path: string): string | undefined {
  return value === undefined ? undefined : stringAt(value, path);
}

export function optionalIntegerAt(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new ConfigError(path, `expected an integer, got ${describe(value)}`);
  return value;
}

/** A list; absent means empty. */
export function listAt(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ConfigError(path, `expected a list, got ${describe(value)}`);
  return value;
}

export function stringListAt(value: unknown, path: string): string[] {
  return listAt(value, path).map((item, i) => stringAt(item, `${path}[${i}]`));
}

/** A map of strings (annotations, tags); absent means empty. Numbers and booleans are refused, as kubectl does. */
export function stringMapAt(value: unknown, path: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const map = objectAt(value, path);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(map)) {
    if (typeof v !== 'string') throw new ConfigError(`${path}.${key}`, `expected a string, got ${describe(v)} (quote it in YAML)`);
    out[key] = v;
  }
  return out;
}

/** Refuses keys the schema does not know, so a typo is an error rather than silently ignored. */
export function onlyKeys(map: Json, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(map)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(path ? `${path}.${key}` : key, `unknown field (expected one of: ${allowed.join(', ')})`);
    }
  }
}
