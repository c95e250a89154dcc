import { MAX_SESSION_DURATION, PATH, POLICY_NAME, ROLE_DESCRIPTION, ROLE_NAME, ruleFailures } from '../iam/member-rules.js';
import { rangeFailures } from '../shapes/constraints.js';
import { Violations } from '../shapes/index.js';
import { ConfigError } from './errors.js';

/*
 * IAM's constraints on what a role declaration carries: the same model shapes the awsQuery edge
 * reads (iam/member-rules.ts), every broken one in the API's one message (shapes/violations.ts);
 * core's createRole/putRolePolicy trust their callers, so config files are checked here.
 */
const RULES = {
  roleName: (value: string | number) => ruleFailures(String(value), ROLE_NAME),
  policyName: (value: string | number) => ruleFailures(String(value), POLICY_NAME),
  path: (value: string | number) => ruleFailures(String(value), PATH),
  description: (value: string | number) => ruleFailures(String(value), ROLE_DESCRIPTION),
  maxSessionDuration: (value: string | number) => rangeFailures(Number(value), MAX_SESSION_DURATION),
} satisfies Record<string, (value: string | number) => string[]>;

export function checkIamValue<T extends string | number>(member: keyof typeof RULES, value: T, path: string): T {
  const v = new Violations();
  for (const failure of RULES[member](value)) v.add(value, member, failure);
  const message = v.message();
  if (message !== undefined) throw new ConfigError(path, message);
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
