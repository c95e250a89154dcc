import { ValidationError, wholePattern } from '@eksid/core';

/**
 * Collects constraint violations the way AWS's request validation reports them: every broken
 * constraint of every member in one ValidationError, e.g. "2 validation errors detected: Value
 * 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or
 * equal to 2; Value null at 'roleArn' failed to satisfy constraint: Member must not be null".
 * Wording as STS returns it (e.g. aws-actions/configure-aws-credentials#1306, youyo/awslogin#20).
 * Members are named camelCase, list items as `tags.1.member.key`; sensitive members (the web
 * identity token) are reported without their value, as AWS redacts them.
 */
export class Violations {
  private readonly found: string[] = [];

  private add(value: string | null | undefined, member: string, constraint: string, sensitive = false): void {
    const shown = sensitive ? 'Value' : value === null || value === undefined ? 'Value null' : `Value '${value}'`;
    this.found.push(`${shown} at '${member}' failed to satisfy constraint: Member must ${constraint}`);
  }

  /**
   * A required member's value. A missing one is recorded and read as '', which never reaches
   * core: every parser calls throwIfAny() before returning.
   */
  required(value: string | undefined, member: string, rule: StringRule = {}): string {
    if (value === undefined) {
      this.add(undefined, member, 'not be null');
      return '';
    }
    this.string(value, member, rule);
    return value;
  }

  /** Length in characters (code points), then the pattern, which AWS anchors at both ends. */
  string(value: string | undefined, member: string, rule: StringRule): void {
    if (value === undefined) return;
    // n UTF-16 units hold n/2 to n code points: count them only when that range spans a bound.
    const units = value.length;
    const length = (rule.max !== undefined && units > rule.max) || (rule.min !== undefined && units < 2 * rule.min) ? codePointLength(value) : units;
    if (rule.min !== undefined && length < rule.min) this.add(value, member, `have length greater than or equal to ${rule.min}`, rule.sensitive);
    if (rule.max !== undefined && length > rule.max) this.add(value, member, `have length less than or equal to ${rule.max}`, rule.sensitive);
    if (rule.pattern !== undefined && !anchored(rule.pattern).test(value)) {
      this.add(value, member, `satisfy regular expression pattern: ${rule.shownPattern ?? rule.pattern.source}`, rule.sensitive);
    }
  }

  range(value: number | undefined, member: string, min: number, max: number): void {
    if (value === undefined) return;
    if (value < min) this.add(String(value), member, `have value greater than or equal to ${min}`);
    if (value > max) this.add(String(value), member, `have value less than or equal to ${max}`);
  }

  listLength(items: readonly unknown[], member: string, max: number, shown: string): void {
    if (items.length > max) this.add(shown, member, `have length less than or equal to ${max}`);
  }

  throwIfAny(): void {
    const n = this.found.length;
    if (n > 0) throw new ValidationError(`${n} validation error${n === 1 ? '' : 's'} detected: ${this.found.join('; ')}`);
  }
}

/**
 * The value's length in code points, as `[...value].length` counts them (a surrogate pair is
 * one, a lone surrogate one too), without building that array of one string per character.
 */
export function codePointLength(value: string): number {
  const units = value.length;
  let length = units;
  for (let i = 0; i < units - 1; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

/** A rule's pattern anchored at both ends (compiled once: core's wholePattern). */
export function anchored(pattern: RegExp): RegExp {
  return wholePattern(pattern.source, pattern.flags.replace(/[gy]/g, ''));
}

export interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** The pattern as AWS prints it, when JavaScript needs a different spelling. */
  shownPattern?: string;
  sensitive?: boolean;
}

// Shapes from botocore's sts/2011-06-15 model.
export const RULES = {
  arn: {
    min: 20,
    max: 2048,
    pattern: /[\t\n\r\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]+/u,
    shownPattern: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+',
  },
  roleSessionName: { min: 2, max: 64, pattern: /[\w+=,.@-]*/ },
  sourceIdentity: { min: 2, max: 64, pattern: /[\w+=,.@-]*/ },
  externalId: { min: 2, max: 1224, pattern: /[\w+=,.@:/-]*/, shownPattern: '[\\w+=,.@:\\/-]*' },
  serialNumber: { min: 9, max: 256, pattern: /[\w+=/:,.@-]*/ },
  tokenCode: { min: 6, max: 6, pattern: /[\d]*/ },
  webIdentityToken: { min: 4, max: 20000, sensitive: true },
  providerId: { min: 4, max: 2048 },
  sessionPolicy: { min: 1, max: 2048, pattern: /[\t\n\r\u0020-\u00FF]+/, shownPattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' },
  unrestrictedSessionPolicy: { min: 1, pattern: /[\t\n\r\u0020-\u00FF]+/, shownPattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' },
  tagKey: { min: 1, max: 128, pattern: /[\p{L}\p{Z}\p{N}_.:/=+\-@]+/u, shownPattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' },
  tagValue: { min: 0, max: 256, pattern: /[\p{L}\p{Z}\p{N}_.:/=+\-@]*/u, shownPattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' },
} satisfies Record<string, StringRule>;

/** roleDurationSecondsType. */
export const DURATION = { min: 900, max: 43200 };
/** "You can pass up to 50 session tags" (tagListType, tagKeyListType max 50). */
export const MAX_TAGS = 50;
/** "You can provide up to 10 managed policy ARNs" (API_AssumeRole, PolicyArns); the model sets no max, so the wording is a guess. */
export const MAX_POLICY_ARNS = 10;
