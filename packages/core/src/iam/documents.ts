import { MalformedPolicyDocumentError } from '../errors.js';
import { PolicySyntaxError, parsePolicyDocument } from '../policy/index.js';
import type { PolicyDocument } from '../policy/index.js';
import type { IamContext } from './context.js';
import { LimitExceededError } from './errors.js';
import { checkTrustPolicyEntities } from './trust-policy-checks.js';

/*
 * Default IAM quotas on policy sizes, counted without white space
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length):
 * role trust policy 2,048 characters, managed policy 6,144, all inline policies of a role 10,240.
 */
const TRUST_POLICY_QUOTA = 2048;
export const MANAGED_POLICY_QUOTA = 6144;
export const ROLE_INLINE_POLICIES_QUOTA = 10240;

/** Characters IAM counts against its size quotas. */
export function policySize(text: string): number {
  return text.replace(/\s/g, '').length;
}

/**
 * Checks a document as IAM does before storing it: trust policies against the trust grammar
 * (Principal required, no Resource), permission policies against the identity grammar.
 * The policy module words its errors as IAM does, so its message passes through unchanged.
 */
export function checkPolicyDocument(text: string, kind: 'identity' | 'trust'): PolicyDocument {
  try {
    return parsePolicyDocument(text, kind);
  } catch (err) {
    if (err instanceof PolicySyntaxError) throw new MalformedPolicyDocumentError(err.message);
    throw err;
  }
}

/**
 * A trust policy: valid, within ACLSizePerRole (IAM's name for the quota in its message), with
 * role-assumption actions only and principals that exist (trust-policy-checks.ts).
 */
export function checkTrustPolicy(ctx: IamContext, text: string): void {
  const document = checkPolicyDocument(text, 'trust');
  if (policySize(text) > TRUST_POLICY_QUOTA) throw new LimitExceededError(`Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_QUOTA}`);
  checkTrustPolicyEntities(ctx, document);
}
