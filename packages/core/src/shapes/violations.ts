import { ValidationError } from '../errors.js';
import type { AwsError } from '../errors.js';

/**
 * The one place AWS's request-validation message is built: every broken constraint of every
 * member, in model member order, in one ValidationError:
 * "2 validation errors detected: Value 'a' at 'roleSessionName' failed to satisfy constraint:
 * Member must have length greater than or equal to 2; Value null at 'roleArn' failed to satisfy
 * constraint: Member must not be null". Wording as IAM and STS return it (e.g.
 * aws-actions/configure-aws-credentials#1306, youyo/awslogin#20). A sensitive member (the web
 * identity token) is reported as "Value at …", without its value, as AWS redacts it.
 */
export class Violations {
  private readonly found: string[] = [];

  /**
   * `value` as AWS prints it: a string quoted, a number or boolean bare (rest-json's typed
   * members, e.g. "Value 0 at 'maxResults'"), null for a missing member.
   */
  add(value: string | number | boolean | null, at: string, constraint: string, sensitive = false): void {
    const shown = sensitive ? 'Value' : value === null ? 'Value null' : typeof value === 'string' ? `Value '${value}'` : `Value ${String(value)}`;
    this.found.push(`${shown} at '${at}' failed to satisfy constraint: ${constraint}`);
  }

  /** Appends another collector's violations after this one's (a list's own before its items'). */
  absorb(other: Violations): void {
    this.found.push(...other.found);
  }

  /** The one message, or undefined when nothing was found (config files wrap it in their own error). */
  message(): string | undefined {
    const n = this.found.length;
    return n === 0 ? undefined : `${n} validation error${n === 1 ? '' : 's'} detected: ${this.found.join('; ')}`;
  }

  /** Throws `error` (awsQuery's ValidationError unless the service names its own, e.g. EKS's InvalidParameterException). */
  throwIfAny(error: new (message: string) => AwsError = ValidationError): void {
    const message = this.message();
    if (message !== undefined) throw new error(message);
  }
}

/** A member as AWS names it in messages: first letter lower-cased (`RoleName` → `roleName`). */
export function memberName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
