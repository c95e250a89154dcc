/**
 * A policy document IAM would refuse. The message follows IAM's own wording so the IAM and STS
 * layers can surface it unchanged as MalformedPolicyDocument (wording as observed from IAM, e.g.
 * "Syntax errors in policy.", "Has prohibited field Resource", "Missing required field Principal").
 */
export class PolicySyntaxError extends Error {
  readonly code = 'MalformedPolicyDocument';

  constructor(message: string) {
    super(message);
    this.name = 'PolicySyntaxError';
  }
}
