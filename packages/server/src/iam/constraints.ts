import { TAG_KEY, TAG_VALUE, ValidationError, optionalBoolean, optionalInteger, rangeFailure, ruleFailures, stringList, structList } from '@eksid/core';
import type { QueryParams, StringRule, Tag } from '@eksid/core';

/**
 * Collects constraint violations the way AWS's request validation reports them: every failing
 * member in one ValidationError, "N validation error(s) detected: Value 'x' at 'member'
 * failed to satisfy constraint: Member must …; …", member names with a lower-case first letter.
 * parse<Action>Input functions read every member through one of these, then call done().
 */
export class Constraints {
  private readonly violations: string[] = [];

  constructor(private readonly params: QueryParams) {}

  required(name: string, rule: StringRule): string {
    const value = this.params[name];
    if (value === undefined) {
      this.violations.push(`Value null at '${member(name)}' failed to satisfy constraint: Member must not be null`);
      return '';
    }
    this.check(member(name), value, rule);
    return value;
  }

  optional(name: string, rule: StringRule): string | undefined {
    const value = this.params[name];
    if (value !== undefined) this.check(member(name), value, rule);
    return value;
  }

  integer(name: string, range: { min: number; max: number }): number | undefined {
    const value = optionalInteger(this.params, name);
    if (value === undefined) return undefined;
    const failure = rangeFailure(value, range);
    if (failure) this.fail(member(name), String(value), failure);
    return value;
  }

  boolean(name: string): boolean | undefined {
    return optionalBoolean(this.params, name);
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.params[name];
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) this.fail(member(name), value, `Member must satisfy enum value set: [${values.join(', ')}]`);
    return value as T;
  }

  /** `Name.member.N` strings; `required` lists may be sent empty (`Name=`) but not omitted. */
  list(name: string, each: StringRule, opts: { max?: number; required?: boolean } = {}): string[] {
    const values = stringList(this.params, name);
    const present = values.length > 0 || name in this.params;
    if (opts.required && !present) this.violations.push(`Value null at '${member(name)}' failed to satisfy constraint: Member must not be null`);
    if (opts.max !== undefined && values.length > opts.max) this.fail(member(name), javaList(values), `Member must have length less than or equal to ${opts.max}`);
    const broken = [...new Set(values.flatMap((v) => ruleFailures(v, each)))];
    if (broken.length > 0) this.fail(member(name), javaList(values), `Member must satisfy constraint: [${broken.join(', ')}]`);
    return values;
  }

  /** `Tags.member.N.Key/Value` with the tagKeyType/tagValueType rules, at most 50. */
  tags(name = 'Tags', opts: { required?: boolean } = {}): Tag[] {
    const raw = structList(this.params, name, ['Key', 'Value']);
    if (opts.required && raw.length === 0 && !(name in this.params)) this.violations.push(`Value null at '${member(name)}' failed to satisfy constraint: Member must not be null`);
    if (raw.length > 50) this.fail(member(name), javaList(raw.map((t) => `Tag(Key=${t['Key']}, Value=${t['Value']})`)), 'Member must have length less than or equal to 50');
    return raw.map((t, i) => {
      const at = `${member(name)}.${i + 1}.member`;
      const key = t['Key'];
      const value = t['Value'];
      if (key === undefined) this.violations.push(`Value null at '${at}.key' failed to satisfy constraint: Member must not be null`);
      else this.check(`${at}.key`, key, TAG_KEY);
      if (value === undefined) this.violations.push(`Value null at '${at}.value' failed to satisfy constraint: Member must not be null`);
      else this.check(`${at}.value`, value, TAG_VALUE);
      return { Key: key ?? '', Value: value ?? '' };
    });
  }

  /** Throws the collected violations, if any. */
  done(): void {
    const n = this.violations.length;
    if (n > 0) throw new ValidationError(`${n} validation error${n === 1 ? '' : 's'} detected: ${this.violations.join('; ')}`);
  }

  private check(at: string, value: string, rule: StringRule): void {
    for (const failure of ruleFailures(value, rule)) this.fail(at, value, failure);
  }

  private fail(at: string, value: string, constraint: string): void {
    this.violations.push(`Value '${value}' at '${at}' failed to satisfy constraint: ${constraint}`);
  }
}

function member(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

// AWS prints list values with Java's List.toString().
function javaList(values: readonly string[]): string {
  return `[${values.join(', ')}]`;
}
