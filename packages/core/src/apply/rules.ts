import { ConfigError } from './errors.js';

/*
 * IAM's constraints on what a role declaration carries (botocore iam/2010-05-08/service-2.json:
 * roleNameType, policyNameType, pathType, roleDescriptionType, roleMaxSessionDurationType),
 * worded as IAM words them. Core's createRole/putRolePolicy trust their callers, and the awsQuery
 * edge keeps the same rules in server/src/iam/rules.ts, which core cannot import.
 */
interface Rule {
  check(value: string | number): string | undefined;
}

function pattern(max: number, regex: RegExp, shown: string): Rule {
  return {
    check: (value) => {
      const text = String(value);
      if (text.length > max) return `Member must have length less than or equal to ${max}`;
      return regex.test(text) ? undefined : `Member must satisfy regular expression pattern: ${shown}`;
    },
  };
}

const RULES = {
  roleName: pattern(64, /^[\w+=,.@-]+$/, '[\\w+=,.@-]+'),
  policyName: pattern(128, /^[\w+=,.@-]+$/, '[\\w+=,.@-]+'),
  path: pattern(512, /^(\/|\/[\u0021-\u007E]+\/)$/, '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)'),
  description: pattern(1000, /^[\t\n\r\u0020-\u007E\u00A1-\u00FF]*$/, '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*'),
  maxSessionDuration: {
    check: (value: string | number) =>
      Number(value) < 3600 ? 'Member must have value greater than or equal to 3600' : Number(value) > 43200 ? 'Member must have value less than or equal to 43200' : undefined,
  },
} satisfies Record<string, Rule>;

export function checkIamValue<T extends string | number>(member: keyof typeof RULES, value: T, path: string): T {
  const problem = RULES[member].check(value);
  if (problem) {
    const shown = typeof value === 'string' ? `'${value}'` : String(value);
    throw new ConfigError(path, `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${problem}`);
  }
  return value;
}

/** Refuses a second declaration of the same thing, pointing at it and at the first. */
export function noDuplicates<T>(items: readonly T[], keyOf: (item: T) => string, pathOf: (index: number) => string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const first = seen.get(key);
    if (first !== undefined) throw new ConfigError(pathOf(i), `'${key}' is declared twice (first at ${pathOf(first)})`);
    seen.set(key, i);
  });
}
