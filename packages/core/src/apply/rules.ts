import { MAX_SESSION_DURATION, PATH, POLICY_NAME, ROLE_DESCRIPTION, ROLE_NAME, rangeFailure, ruleFailures } from '../iam/member-rules.js';
import { ConfigError } from './errors.js';

/*
 * IAM's constraints on what a role declaration carries: the same member rules the awsQuery edge
 * checks (iam/member-rules.ts), worded as IAM words them; core's createRole/putRolePolicy trust
 * their callers, so config files are checked here.
 */
const RULES = {
  roleName: (value: string | number) => ruleFailures(String(value), ROLE_NAME)[0],
  policyName: (value: string | number) => ruleFailures(String(value), POLICY_NAME)[0],
  path: (value: string | number) => ruleFailures(String(value), PATH)[0],
  description: (value: string | number) => ruleFailures(String(value), ROLE_DESCRIPTION)[0],
  maxSessionDuration: (value: string | number) => rangeFailure(Number(value), MAX_SESSION_DURATION),
} satisfies Record<string, (value: string | number) => string | undefined>;

export function checkIamValue<T extends string | number>(member: keyof typeof RULES, value: T, path: string): T {
  const problem = RULES[member](value);
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
