import { TAG_KEY, TAG_VALUE, Violations, itemConstraints, memberName, optionalBoolean, optionalInteger, rangeFailure, ruleFailures, stringList, structList } from '@eksid/core';
import type { QueryParams, StringRule, Tag } from '@eksid/core';

/**
 * A member-at-a-time reader for handlers written before the shape layer. New handlers read their
 * whole input with iamInput(operation, params) (input.ts), which takes every member, limit and
 * pattern from botocore's model; this class words and counts violations the same way (core's
 * Violations, stringFailures) and is kept only until the last such handler moves.
 */
export class Constraints {
  private readonly violations = new Violations();

  constructor(private readonly params: QueryParams) {}

  required(name: string, rule: StringRule): string {
    const value = this.params[name];
    if (value === undefined) {
      this.violations.add(null, memberName(name), 'Member must not be null');
      return '';
    }
    this.check(memberName(name), value, rule);
    return value;
  }

  optional(name: string, rule: StringRule): string | undefined {
    const value = this.params[name];
    if (value !== undefined) this.check(memberName(name), value, rule);
    return value;
  }

  integer(name: string, range: { min: number; max: number }): number | undefined {
    const value = optionalInteger(this.params, name);
    if (value === undefined) return undefined;
    const failure = rangeFailure(value, range);
    if (failure) this.violations.add(String(value), memberName(name), failure);
    return value;
  }

  boolean(name: string): boolean | undefined {
    return optionalBoolean(this.params, name);
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.params[name];
    if (value === undefined) return undefined;
    this.check(memberName(name), value, { enum: [...values] });
    return value as T;
  }

  /** `Name.member.N` strings; `required` lists may be sent empty (`Name=`) but not omitted. */
  list(name: string, each: StringRule, opts: { max?: number; required?: boolean } = {}): string[] {
    const values = stringList(this.params, name);
    const present = values.length > 0 || name in this.params;
    if (opts.required && !present) this.violations.add(null, memberName(name), 'Member must not be null');
    if (opts.max !== undefined && values.length > opts.max) this.violations.add(`[${values.join(', ')}]`, memberName(name), `Member must have length less than or equal to ${opts.max}`);
    if (values.some((v) => ruleFailures(v, each).length > 0)) {
      this.violations.add(`[${values.join(', ')}]`, memberName(name), `Member must satisfy constraint: [${itemConstraints({ type: 'string', ...each }).join(', ')}]`);
    }
    return values;
  }

  /** `Tags.member.N.Key/Value` with the tagKeyType/tagValueType rules, at most 50. */
  tags(name = 'Tags', opts: { required?: boolean } = {}): Tag[] {
    const raw = structList(this.params, name, ['Key', 'Value']);
    const at = memberName(name);
    if (opts.required && raw.length === 0 && !(name in this.params)) this.violations.add(null, at, 'Member must not be null');
    if (raw.length > 50) this.violations.add(`[${raw.map((t) => `Tag(key=${t['Key'] ?? 'null'}, value=${t['Value'] ?? 'null'})`).join(', ')}]`, at, 'Member must have length less than or equal to 50');
    return raw.map((t, i) => {
      const item = `${at}.${i + 1}.member`;
      const key = t['Key'];
      const value = t['Value'];
      if (key === undefined) this.violations.add(null, `${item}.key`, 'Member must not be null');
      else this.check(`${item}.key`, key, TAG_KEY);
      if (value === undefined) this.violations.add(null, `${item}.value`, 'Member must not be null');
      else this.check(`${item}.value`, value, TAG_VALUE);
      return { Key: key ?? '', Value: value ?? '' };
    });
  }

  /** Throws the collected violations, if any. */
  done(): void {
    this.violations.throwIfAny();
  }

  private check(at: string, value: string, rule: StringRule): void {
    for (const failure of ruleFailures(value, rule)) this.violations.add(value, at, failure);
  }
}
