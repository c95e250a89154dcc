import { ValidationError } from '../errors.js';
import type { AwsError } from '../errors.js';
import { itemConstraints, rangeFailures, scalarFailures } from './constraints.js';
import { javaValue } from './java-value.js';
import { isRecord, jsonScalar, shown, typeName } from './json-value.js';
import { Violations, memberName } from './violations.js';
import type { ServiceShapes, Shape } from './types.js';

/** The parts of a rest-json request a model's members travel in. */
export interface RestJsonRequest {
  /** Path labels by the model's locationName (`{name}` → `name`), already percent-decoded. */
  path?: Readonly<Record<string, string>>;
  /** Query members by locationName: a string, or several when repeated (`?tagKeys=a&tagKeys=b`). */
  query?: Readonly<Record<string, unknown>>;
  /** The parsed JSON body; absent (undefined or null) reads as `{}`. */
  body?: unknown;
}

type ErrorClass = new (message: string) => AwsError;
type Value = string | number | boolean | Value[] | { [member: string]: Value };

/**
 * Reads a rest-json request as the operation's input shape says: each member from the path
 * (`location: uri`), the query string (`querystring`) or the JSON body, checked against every
 * constraint the model states, and returns the typed input or throws `error` listing every
 * violation in the one message (violations.ts). The JSON body must be an object; members the
 * model does not name are ignored, null reads as absent. Wrong JSON types are violations too
 * ("Member must be a boolean"). Semantic rules (ARN formats, reserved tag keys, idempotency)
 * belong to the domain, not here.
 */
export function parseRestJsonInput<I, K extends keyof I & string>(
  model: ServiceShapes<I>,
  operation: K,
  request: RestJsonRequest,
  error: ErrorClass = ValidationError,
): I[K] {
  const input = model.operations[operation];
  if (input === undefined) throw new TypeError(`${model.service} ${model.version} has no operation ${operation}`);
  const body = request.body ?? {};
  if (!isRecord(body)) throw new error('The request body must be a JSON object');
  const v = new Violations();
  const reader = new JsonReader(model, v);
  const shape = reader.shape(input);
  const out: { [member: string]: Value } = {};
  for (const [member, ref] of Object.entries(shape.members ?? {})) {
    const at = memberName(member);
    const key = ref.locationName ?? member;
    // Headers carry no member of the operations served; a header member reads as absent.
    const raw = ref.location === 'uri' ? request.path?.[key] : ref.location === 'querystring' ? request.query?.[key] : ref.location === undefined ? body[member] : undefined;
    const value = ref.location === undefined ? reader.json(ref.shape, raw, at) : reader.wire(ref.shape, raw, at);
    if (value !== undefined) out[member] = value;
    else if ((raw === undefined || raw === null) && shape.required?.includes(member)) v.add(null, at, 'Member must not be null');
  }
  v.throwIfAny(error);
  return out as I[K];
}

class JsonReader {
  constructor(
    private readonly model: ServiceShapes,
    private readonly v: Violations,
  ) {}

  shape(name: string): Shape {
    const shape = this.model.shapes[name];
    if (shape === undefined) throw new TypeError(`${this.model.service} model has no shape ${name}`);
    return shape;
  }

  /** A path or query member: text on the wire, typed as its shape says; a list may repeat. */
  wire(name: string, raw: unknown, at: string): Value | undefined {
    if (raw === undefined) return undefined;
    const shape = this.shape(name);
    if (shape.type === 'list') return this.json(name, Array.isArray(raw) ? raw : [raw], at);
    if (typeof raw !== 'string') return this.wrongType(shape, raw, at);
    switch (shape.type) {
      case 'integer':
      case 'long':
        return /^-?\d{1,15}$/.test(raw) ? this.json(name, Number(raw), at) : this.wrongType(shape, raw, at);
      case 'float':
      case 'double':
        return raw.trim() !== '' && !Number.isNaN(Number(raw)) ? this.json(name, Number(raw), at) : this.wrongType(shape, raw, at);
      case 'boolean':
        return raw === 'true' || raw === 'false' ? raw === 'true' : this.wrongType(shape, raw, at);
      default:
        return this.json(name, raw, at);
    }
  }

  json(name: string, raw: unknown, at: string): Value | undefined {
    if (raw === undefined || raw === null) return undefined;
    const shape = this.shape(name);
    switch (shape.type) {
      case 'structure':
        return isRecord(raw) ? this.structure(shape, raw, at) : this.wrongType(shape, raw, at);
      case 'list':
        return Array.isArray(raw) ? this.list(shape, raw, at) : this.wrongType(shape, raw, at);
      case 'map':
        return isRecord(raw) ? this.map(shape, raw, at) : this.wrongType(shape, raw, at);
      default: {
        const value = jsonScalar(shape, raw);
        if (value === undefined) return this.wrongType(shape, raw, at);
        for (const failure of scalarFailures(shape, value)) this.v.add(value, at, failure, shape.sensitive);
        return value;
      }
    }
  }

  private structure(shape: Shape, raw: Record<string, unknown>, at: string): { [member: string]: Value } {
    const out: { [member: string]: Value } = {};
    for (const [member, ref] of Object.entries(shape.members ?? {})) {
      const memberAt = `${at}.${memberName(member)}`;
      const value = this.json(ref.shape, raw[member], memberAt);
      if (value !== undefined) out[member] = value;
      else if ((raw[member] === undefined || raw[member] === null) && shape.required?.includes(member)) this.v.add(null, memberAt, 'Member must not be null');
    }
    return out;
  }

  /**
   * Structure items are checked one by one (`logging.clusterLogging.1.member.types`); scalar
   * items together, AWS printing the whole list and all the item shape's constraints once
   * (constraints.ts itemConstraints).
   */
  private list(shape: Shape, raw: unknown[], at: string): Value[] {
    const itemName = shape.member ?? '';
    const itemShape = this.shape(itemName);
    const nested = itemShape.type === 'structure' || itemShape.type === 'list' || itemShape.type === 'map';
    const itemViolations = new Violations();
    const items: Value[] = [];
    let itemBroken = false;
    raw.forEach((entry, i) => {
      const itemAt = `${at}.${i + 1}.member`;
      if (nested) {
        const item = new JsonReader(this.model, itemViolations).json(itemName, entry, itemAt);
        if (item !== undefined) items.push(item);
        return;
      }
      const item = entry === null ? undefined : jsonScalar(itemShape, entry);
      if (item === undefined) {
        itemViolations.add(shown(entry), itemAt, `Member must be ${typeName(itemShape.type)}`);
        return;
      }
      if (scalarFailures(itemShape, item).length > 0) itemBroken = true;
      items.push(item);
    });
    const whole = () => javaValue(this.model, itemName, items);
    for (const failure of rangeFailures(raw.length, shape)) this.v.add(whole(), at, failure.replace('have value', 'have length'));
    if (itemBroken) this.v.add(whole(), at, `Member must satisfy constraint: [${itemConstraints(itemShape).join(', ')}]`, itemShape.sensitive);
    this.v.absorb(itemViolations);
    return items;
  }

  /**
   * A JSON object: its size, then its keys and its values, each reported once with all the
   * key or value shape's constraints, the map printed Java's way: "Value '{a=1}' at 'tags'
   * failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length
   * less than or equal to 128, …]". Wording as AWS answers it for maps (Lambda's environment
   * variables, DynamoDB's requestItems, Cognito's logins, recorded by moto, LocalStack and
   * dynalite). A value of the wrong type is named by its key (`tags.team`).
   */
  private map(shape: Shape, raw: Record<string, unknown>, at: string): { [key: string]: Value } {
    const keyShape = this.shape(shape.key ?? '');
    const valueName = shape.value ?? '';
    const valueShape = this.shape(valueName);
    const entries = Object.entries(raw);
    const valueViolations = new Violations();
    const out: { [key: string]: Value } = {};
    let valueBroken = false;
    for (const [key, entry] of entries) {
      const valueAt = `${at}.${key}`;
      if (valueShape.type === 'structure' || valueShape.type === 'list' || valueShape.type === 'map') {
        const value = new JsonReader(this.model, valueViolations).json(valueName, entry, valueAt);
        if (value !== undefined) out[key] = value;
        continue;
      }
      const value = entry === null ? undefined : jsonScalar(valueShape, entry);
      if (value === undefined) {
        valueViolations.add(shown(entry), valueAt, `Member must be ${typeName(valueShape.type)}`);
        continue;
      }
      if (scalarFailures(valueShape, value).length > 0) valueBroken = true;
      out[key] = value;
    }
    const whole = shown(raw);
    for (const failure of rangeFailures(entries.length, shape)) this.v.add(whole, at, failure.replace('have value', 'have length'));
    if (entries.some(([key]) => scalarFailures(keyShape, key).length > 0)) {
      this.v.add(whole, at, `Map keys must satisfy constraint: [${itemConstraints(keyShape).join(', ')}]`, keyShape.sensitive);
    }
    if (valueBroken) this.v.add(whole, at, `Map value must satisfy constraint: [${itemConstraints(valueShape).join(', ')}]`, valueShape.sensitive);
    this.v.absorb(valueViolations);
    return out;
  }

  private wrongType(shape: Shape, raw: unknown, at: string): undefined {
    this.v.add(shown(raw), at, `Member must be ${typeName(shape.type)}`);
    return undefined;
  }
}
