import { MalformedPolicyDocumentError } from '../errors.js';
import { parseArn } from '../ids/index.js';
import type { PolicyDocument } from '../policy/index.js';
import { actionClauseMatches } from '../policy/match-action.js';
import type { IamContext } from './context.js';

/**
 * What IAM checks in a trust policy beyond its grammar, when CreateRole or
 * UpdateAssumeRolePolicy stores it.
 *
 * Actions: only STS's role-assumption actions (sts:AssumeRole*, sts:TagSession,
 * sts:SetSourceIdentity, sts:SetContext, or wildcards over sts:), else
 * MalformedPolicyDocument "AssumeRole policy may only specify STS AssumeRole actions." (the
 * message users of terraform-provider-aws report for e.g. "s3:GetObject" in assume_role_policy).
 *
 * Principals: IAM resolves every IAM user or role ARN (and OIDC/SAML provider ARN) of an account
 * to the entity, and refuses one that does not exist with MalformedPolicyDocument
 * `Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role/missing"` (the exact text
 * users report, terraform-provider-aws issue 8905; the provider retries CreateRole on that
 * message, as a principal just created may not be visible yet). eksid knows only its own account,
 * so ARNs of other accounts are taken as they come; account ids, root ARNs, assumed-role session
 * ARNs, services and domain-named federated principals (accounts.google.com) need no entity.
 */
export function checkTrustPolicyEntities(ctx: IamContext, document: PolicyDocument): void {
  for (const statement of document.statements) {
    if (!statement.action.values.every(isRoleAssumptionAction)) throw new MalformedPolicyDocumentError('AssumeRole policy may only specify STS AssumeRole actions.');
    const element = statement.principal?.element;
    if (element === undefined || element === '*') continue;
    for (const type of ['AWS', 'Federated'] as const) {
      for (const value of element[type] ?? []) {
        if (!principalExists(ctx, value)) throw new MalformedPolicyDocumentError(`Invalid principal in policy: "${type}":"${value}"`);
      }
    }
  }
}

const ROLE_ASSUMPTION_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext'];

/** `*`, or an sts: action (wildcards as policies match them) naming at least one assumption action. */
function isRoleAssumptionAction(action: string): boolean {
  const lower = action.toLowerCase();
  if (lower !== '*' && !lower.startsWith('sts:')) return false;
  const clause = { negated: false, values: [action] };
  return ROLE_ASSUMPTION_ACTIONS.some((known) => actionClauseMatches(clause, known));
}

function principalExists(ctx: IamContext, value: string): boolean {
  const arn = parseArn(value);
  if (arn === undefined || arn.service !== 'iam' || arn.account !== ctx.config.accountId || arn.partition !== ctx.config.partition) return true;
  if (arn.resource === 'root') return true;
  if (arn.resource.startsWith('role/')) return ctx.store.roles.byArn(value) !== undefined;
  if (arn.resource.startsWith('oidc-provider/')) return ctx.store.oidcProviders.get(value) !== undefined;
  // eksid has no IAM users, groups or SAML providers: none of them exists in its account.
  return false;
}
