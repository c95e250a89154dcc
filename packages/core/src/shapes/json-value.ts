import type { Shape } from './types.js';

// JSON values as the rest-json reader (rest-json-input.ts) types and prints them.

export type Scalar = string | number | boolean;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that is not a scalar as AWS's Java toString() prints it: `[a, b]`, `{k=v}`. */
export function shown(value: unknown): Scalar {
  if (Array.isArray(value)) return `[${value.map(shown).join(', ')}]`;
  if (isRecord(value)) return `{${Object.entries(value).map(([k, item]) => `${k}=${String(shown(item))}`).join(', ')}}`;
  return typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
}

const TYPE_NAMES: Record<string, string> = {
  structure: 'an object', list: 'a list', map: 'a map', string: 'a string', boolean: 'a boolean',
  integer: 'a number', long: 'a number', float: 'a number', double: 'a number', timestamp: 'a timestamp', blob: 'a string',
};

/** How "Member must be …" names a shape's type. */
export function typeName(type: string): string {
  return TYPE_NAMES[type] ?? 'a value';
}

/** A JSON scalar of the shape's type, or undefined when it has another type. */
export function jsonScalar(shape: Shape, raw: unknown): Scalar | undefined {
  switch (shape.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? raw : undefined;
    case 'integer':
    case 'long':
      return typeof raw === 'number' && Number.isInteger(raw) ? raw : undefined;
    case 'float':
    case 'double':
      return typeof raw === 'number' ? raw : undefined;
    case 'timestamp':
      return typeof raw === 'number' || typeof raw === 'string' ? raw : undefined;
    default:
      return typeof raw === 'string' ? raw : undefined;
  }
}
