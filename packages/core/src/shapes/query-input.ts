import { ValidationError } from '../errors.js';
import type { QueryParams } from '../wire/query-params.js';
import { itemConstraints, rangeFailures, scalarFailures } from './constraints.js';
import { javaValue } from './java-value.js';
import { Violations, memberName } from './violations.js';
import type { ServiceShapes, Shape } from './types.js';

/**
 * Reads an awsQuery request (`RoleName=…`, `Tags.member.1.Key=…`, `ClientIDList.member.2=…`,
 * `TaskPolicyArn.arn=…`) as the operation's input shape says, checking every constraint the model
 * states, and returns the typed input or throws the one ValidationError listing every violation
 * (violations.ts). Members the model does not name are ignored, as AWS ignores them. Rules that
 * are not in the model (policy grammar, ARN formats, limits between members) belong to the
 * domain, not here.
 */
export function parseQueryInput<I, K extends keyof I & string>(model: ServiceShapes<I>, operation: K, params: QueryParams): I[K] {
  const input = model.operations[operation];
  if (input === undefined) throw new TypeError(`${model.service} ${model.version} has no operation ${operation}`);
  const v = new Violations();
  const value = new QueryReader(model, params).structure(input, '', '', v);
  v.throwIfAny();
  return value as I[K];
}

type Value = string | number | boolean | Value[] | { [member: string]: Value };

class QueryReader {
  constructor(
    private readonly model: ServiceShapes,
    private readonly params: QueryParams,
  ) {}

  structure(name: string, key: string, at: string, v: Violations): { [member: string]: Value } {
    const shape = this.shape(name);
    const out: { [member: string]: Value } = {};
    for (const [member, ref] of Object.entries(shape.members ?? {})) {
      const memberKey = key === '' ? member : `${key}.${member}`;
      const memberAt = at === '' ? memberName(member) : `${at}.${memberName(member)}`;
      const value = this.read(ref.shape, memberKey, memberAt, v);
      if (value !== undefined) out[member] = value;
      else if (shape.required?.includes(member)) v.add(null, memberAt, 'Member must not be null');
    }
    return out;
  }

  private read(name: string, key: string, at: string, v: Violations): Value | undefined {
    const shape = this.shape(name);
    switch (shape.type) {
      case 'structure':
        return this.present(key) ? this.structure(name, key, at, v) : undefined;
      case 'list':
        return this.list(shape, key, at, v);
      case 'map':
        return this.map(shape, key, at, v);
      default:
        return this.scalar(shape, key, at, v);
    }
  }

  private scalar(shape: Shape, key: string, at: string, v: Violations): string | number | boolean | undefined {
    const value = this.params[key];
    if (value === undefined) return undefined;
    const parsed = parseScalar(shape, value, at);
    for (const failure of scalarFailures(shape, parsed)) v.add(String(parsed), at, failure, shape.sensitive);
    return parsed;
  }

  /**
   * `Name.member.N…` in N order (`Name.N…` when flattened); `Name=` alone is an empty list, so a
   * required list may be empty but not absent. Items that are structures are checked one by one
   * (`tags.1.member.key`); scalar items are checked together, AWS printing the whole list and
   * all the item shape's constraints once (constraints.ts itemConstraints).
   */
  private list(shape: Shape, key: string, at: string, v: Violations): Value[] | undefined {
    const prefix = shape.flattened ? `${key}.` : `${key}.member.`;
    const indexes = this.indexes(prefix);
    if (indexes.length === 0 && this.params[key] === undefined) return undefined;
    const itemShape = this.shape(shape.member ?? '');
    const itemViolations = new Violations();
    let itemBroken = false;
    const items: Value[] = [];
    indexes.forEach((n, i) => {
      const itemKey = `${prefix}${n}`;
      if (itemShape.type === 'structure' || itemShape.type === 'list' || itemShape.type === 'map') {
        const item = this.read(shape.member ?? '', itemKey, `${at}.${i + 1}.member`, itemViolations);
        if (item !== undefined) items.push(item);
        return;
      }
      const raw = this.params[itemKey];
      if (raw === undefined) return;
      const item = parseScalar(itemShape, raw, `${at}.${i + 1}.member`);
      if (scalarFailures(itemShape, item).length > 0) itemBroken = true;
      items.push(item);
    });
    const shown = () => javaValue(this.model, shape.member ?? '', items);
    for (const failure of rangeFailures(items.length, shape)) v.add(shown(), at, failure.replace('have value', 'have length'));
    if (itemBroken) v.add(shown(), at, `Member must satisfy constraint: [${itemConstraints(itemShape).join(', ')}]`, itemShape.sensitive);
    v.absorb(itemViolations);
    return items;
  }

  /** `Name.entry.N.key` / `Name.entry.N.value`. */
  private map(shape: Shape, key: string, at: string, v: Violations): { [key: string]: Value } | undefined {
    const prefix = `${key}.entry.`;
    const indexes = this.indexes(prefix);
    if (indexes.length === 0 && this.params[key] === undefined) return undefined;
    const out: { [key: string]: Value } = {};
    for (const n of indexes) {
      const entryKey = this.params[`${prefix}${n}.key`];
      const value = this.read(shape.value ?? '', `${prefix}${n}.value`, `${at}.${entryKey ?? 'null'}`, v);
      if (entryKey !== undefined && value !== undefined) out[entryKey] = value;
    }
    for (const failure of rangeFailures(indexes.length, shape)) v.add(javaValue(this.model, shape.value ?? '', Object.values(out)), at, failure.replace('have value', 'have length'));
    return out;
  }

  private present(key: string): boolean {
    const prefix = `${key}.`;
    return Object.keys(this.params).some((k) => k.startsWith(prefix));
  }

  /** The distinct N of `<prefix>N` and `<prefix>N.…` keys, ascending. */
  private indexes(prefix: string): number[] {
    const found = new Set<number>();
    for (const k of Object.keys(this.params)) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const dot = rest.indexOf('.');
      const digits = dot === -1 ? rest : rest.slice(0, dot);
      if (/^[1-9]\d{0,8}$/.test(digits)) found.add(Number(digits));
    }
    return [...found].sort((a, b) => a - b);
  }

  private shape(name: string): Shape {
    const shape = this.model.shapes[name];
    if (shape === undefined) throw new TypeError(`${this.model.service} model has no shape ${name}`);
    return shape;
  }
}

/**
 * A wire string as the shape's type. A number or boolean that does not parse fails the request at
 * once, with AWS's one-violation wording and no count ("Value 'abc' at 'maxItems' failed to
 * satisfy constraint: Member must be a number"), as AWS fails deserialization before validation.
 */
function parseScalar(shape: Shape, value: string, at: string): string | number | boolean {
  switch (shape.type) {
    case 'integer':
    case 'long':
      if (!/^-?\d{1,15}$/.test(value.trim())) throw new ValidationError(`Value '${value}' at '${at}' failed to satisfy constraint: Member must be a number`);
      return Number(value);
    case 'float':
    case 'double':
      if (value.trim() === '' || Number.isNaN(Number(value))) throw new ValidationError(`Value '${value}' at '${at}' failed to satisfy constraint: Member must be a number`);
      return Number(value);
    case 'boolean':
      if (value !== 'true' && value !== 'false') throw new ValidationError(`Value '${value}' at '${at}' failed to satisfy constraint: Member must be a boolean`);
      return value === 'true';
    default:
      return value;
  }
}
