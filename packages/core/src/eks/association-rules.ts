import { parseArn } from '../ids/index.js';
import { PolicySyntaxError, parsePolicyDocument } from '../policy/index.js';
import type { EksContext } from './cluster.js';
import { InvalidParameterError } from './errors.js';
import { serviceAccountNameProblem } from './service-accounts.js';

// Checks CreatePodIdentityAssociation and UpdatePodIdentityAssociation share. Messages marked
// (inf) are inferred: no recorded AWS answer was found for them.

/** Terraform retries on this exact text while IAM catches up (hashicorp/terraform-provider-aws#34717). */
export const ROLE_DOES_NOT_EXIST = 'Role provided in the request does not exist';

function roleArnParts(member: string, arn: string): { account: string } {
  const parsed = parseArn(arn);
  // (inf) moto's wording for a malformed cluster role (moto/eks/utils.py validate_role_arn).
  if (!parsed || parsed.service !== 'iam' || !/^\d{12}$/.test(parsed.account) || !/^role\/.+/.test(parsed.resource)) {
    throw new InvalidParameterError(`Invalid ${member}: '${arn}'`);
  }
  return { account: parsed.account };
}

/**
 * The association's role: an existing role of the cluster's account, because EKS passes it
 * with iam:PassRole, which works within one account (EKS user guide, pod-id-assign-target-role).
 */
export function checkAssociationRole(ctx: EksContext, roleArn: string): void {
  const { account } = roleArnParts('roleArn', roleArn);
  if (account !== ctx.config.accountId) {
    // (inf) the wording; the rule is the user guide's.
    throw new InvalidParameterError(`The role ${roleArn} must be in the same account as the cluster (${ctx.config.accountId})`);
  }
  if (!ctx.store.roles.byArn(roleArn)) throw new InvalidParameterError(ROLE_DOES_NOT_EXIST);
}

/** A target role may live in any account, so only its form is checked (EKS cannot see other accounts' roles). */
export function checkTargetRole(targetRoleArn: string): void {
  roleArnParts('targetRoleArn', targetRoleArn);
}

/**
 * "When using this policy, disableSessionTags must be set to true" (service-2.json, policy).
 * The policy must also be an IAM policy document, as STS requires of a session policy.
 */
export function checkAssociationPolicy(policy: string | null, disableSessionTags: boolean): void {
  if (policy === null) return;
  if (!disableSessionTags) throw new InvalidParameterError('disableSessionTags must be set to true when a policy is provided'); // (inf)
  try {
    parsePolicyDocument(policy, 'identity');
  } catch (e) {
    if (e instanceof PolicySyntaxError) throw new InvalidParameterError(`The policy is not a valid IAM policy document: ${e.message}`); // (inf)
    throw e;
  }
}

/** Kubernetes' own name rules; the service account and namespace need not exist yet (EKS user guide, pod-id-association). */
export function checkServiceAccountNames(namespace: string, serviceAccount: string): void {
  const problem = serviceAccountNameProblem('namespace', namespace) ?? serviceAccountNameProblem('name', serviceAccount);
  if (problem) throw new InvalidParameterError(problem);
}
