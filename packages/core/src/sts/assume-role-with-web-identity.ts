import { TokenRejectedError, ownClusterName, verifyWebIdentityToken } from '../jwt/index.js';
import type { VerifyWebIdentityOptions, WebIdentityVerification } from '../jwt/index.js';
import { serviceAccountOfSubject, unverifiedSubject } from '../audit/decision-draft.js';
import { unverifiedClaims } from '../audit/unverified-claims.js';
import type { DecisionDraft } from '../audit/decision-draft.js';
import type { OidcProviderRecord } from '../store/index.js';
import { authorizeAssumeRole } from './authorize-assume-role.js';
import { AccessDeniedError } from './errors.js';
import { issueRoleSession, requestedSessionContext } from './issue-session.js';
import { conditionContext, environmentContext, requestTagContext, resourceTagContext } from './request-context.js';
import type { MutableContext } from './request-context.js';
import { sessionDuration, targetRole } from './role-target.js';
import { checkSessionPolicy, packedPolicySize } from './session-policy.js';
import { combineSessionTags, sourceIdentityFromClaims, tagsFromClaims } from './session-tags.js';
import type { AssumeRoleWithWebIdentityInput, AssumeRoleWithWebIdentityResult, StsContext } from './types.js';

export const ASSUME_ROLE_WITH_WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
/** STS's whole answer for any role it will not let this token assume, missing roles included. */
export const WEB_IDENTITY_DENIED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

export interface WebIdentityOptions extends VerifyWebIdentityOptions {
  sourceIp: string;
}

async function verify(ctx: StsContext, token: string, options: VerifyWebIdentityOptions): Promise<WebIdentityVerification> {
  try {
    const verified = await verifyWebIdentityToken(ctx.store, ctx.deps, ctx.config, token, options);
    if (ctx.audit) noteVerifiedToken(ctx.audit, verified);
    return verified;
  } catch (e) {
    // The check that failed and why go to the decision trace; the wire gets STS's terse error.
    if (e instanceof TokenRejectedError) {
      if (ctx.audit) noteRefusedToken(ctx, ctx.audit, token, e);
      throw Object.assign(e.awsError, { cause: e });
    }
    throw e;
  }
}

/** What the refused token claimed (its sub, and our cluster when the iss is one) and why it was refused. */
function noteRefusedToken(ctx: StsContext, audit: DecisionDraft, token: string, rejection: TokenRejectedError): void {
  const { iss } = unverifiedClaims(token);
  audit.about({ ...unverifiedSubject(token), cluster: iss === undefined ? undefined : ownClusterName(ctx.store, ctx.config, iss) });
  audit.failed(`token ${rejection.check} check: ${rejection.detail}`);
}

function noteVerifiedToken(audit: DecisionDraft, verified: WebIdentityVerification): void {
  const { subject, lines } = verifiedTokenNotes(verified);
  audit.about({ caller: verified.subject, cluster: verified.clusterName, namespace: subject?.namespace, serviceAccount: subject?.serviceAccount });
  for (const line of lines) audit.passed(line);
}

interface TokenNotes {
  provider: OidcProviderRecord;
  subject: ReturnType<typeof serviceAccountOfSubject>;
  lines: readonly string[];
}

/**
 * The words for a verified token, kept per claims object: a token already verified comes back
 * with the same frozen claims (jwt/own-signature.ts) on every replay, and wording them again
 * (three JSON quotings and a date) was ~2 % of an AssumeRoleWithWebIdentity (docs/performance.md).
 * They also depend on the provider's record, which is a new object after any write to it.
 */
const tokenNotes = new WeakMap<object, TokenNotes>();

function verifiedTokenNotes(verified: WebIdentityVerification): TokenNotes {
  const { claims, provider } = verified;
  const known = tokenNotes.get(claims);
  if (known !== undefined && known.provider === provider) return known;
  const notes: TokenNotes = {
    provider,
    subject: serviceAccountOfSubject(verified.subject),
    lines: [
      `token issuer ${JSON.stringify(claims.iss)} is OIDC provider ${provider.arn}`,
      `token signature verified; exp ${new Date(Number(claims.exp) * 1000).toISOString()} not passed`,
      `token aud ${JSON.stringify(verified.audience)} is a client id of the provider ${JSON.stringify(provider.clientIds)}`,
    ],
  };
  tokenNotes.set(claims, notes);
  return notes;
}

/**
 * Keys a web identity trust policy can test (reference_policies_iam-condition-keys.html#condition-keys-wif):
 * `<issuer host/path>:sub`, `:aud` (the audience that matched a client id) and `:amr` when the token
 * has one (multivalued); plus aws:FederatedProvider, the provider's ARN for IAM OIDC providers.
 */
function webIdentityContext(verified: WebIdentityVerification): MutableContext {
  const prefix = verified.issuerHostPath;
  const out: MutableContext = {
    [`${prefix}:sub`]: verified.subject,
    [`${prefix}:aud`]: verified.audience,
    'aws:FederatedProvider': verified.provider.arn,
  };
  const { amr } = verified.claims as Record<string, unknown>;
  if (typeof amr === 'string') out[`${prefix}:amr`] = [amr];
  if (Array.isArray(amr)) out[`${prefix}:amr`] = amr.filter((v): v is string => typeof v === 'string');
  return out;
}

/**
 * STS AssumeRoleWithWebIdentity: verify the token (jwt/verify.ts), then let the role's trust
 * policy decide with the token's claims as condition keys, then issue a role session.
 * Order: session policy and ARN syntax, token, role + trust, duration, packed size.
 */
export async function assumeRoleWithWebIdentity(
  ctx: StsContext,
  input: AssumeRoleWithWebIdentityInput,
  options: WebIdentityOptions,
): Promise<AssumeRoleWithWebIdentityResult> {
  checkSessionPolicy(input.Policy);
  const role = targetRole(ctx, input.RoleArn);
  ctx.audit?.about({ role: input.RoleArn });
  const { sourceIp, ...verifyOptions } = options;
  const verified = await verify(ctx, input.WebIdentityToken, verifyOptions);
  // The provider must live in the role's account (id_roles_create_for-idp_oidc.html); a role
  // elsewhere cannot name it as a Federated principal.
  if (!role) {
    ctx.audit?.failed(`role ${input.RoleArn} does not exist`);
    throw new AccessDeniedError(WEB_IDENTITY_DENIED);
  }
  if (role.accountId !== verified.provider.accountId) {
    ctx.audit?.failed(`role ${role.arn} is in account ${role.accountId}, the OIDC provider in ${verified.provider.accountId}`);
    throw new AccessDeniedError(WEB_IDENTITY_DENIED);
  }

  const claims = verified.claims as Record<string, unknown>;
  const tokenTags = tagsFromClaims(claims);
  const tags = combineSessionTags(tokenTags.tags, tokenTags.transitiveTagKeys, undefined);
  const sourceIdentity = sourceIdentityFromClaims(claims);
  const context = conditionContext(environmentContext(ctx, sourceIp), resourceTagContext(role), webIdentityContext(verified), requestTagContext(tags.requested, tags.transitiveTagKeys), {
    'sts:RoleSessionName': input.RoleSessionName,
  });
  if (sourceIdentity !== undefined) context['sts:SourceIdentity'] = sourceIdentity;
  const actions = [ASSUME_ROLE_WITH_WEB_IDENTITY];
  if (Object.keys(tags.requested).length > 0) actions.push('sts:TagSession');
  if (sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
  const decision = authorizeAssumeRole({
    role,
    actions,
    principal: { type: 'Federated', identifiers: [verified.provider.arn] },
    context,
  });
  ctx.audit?.policy(`trust policy of ${role.arn}, actions ${actions.join(' + ')}:`, decision);
  if (decision.effect !== 'Allow') throw new AccessDeniedError(WEB_IDENTITY_DENIED, decision);

  const durationSeconds = sessionDuration(input.DurationSeconds, role, false);
  const packed = packedPolicySize({ policy: input.Policy, policyArns: input.PolicyArns, tags: tags.principalTags });
  const issued = issueRoleSession(ctx, {
    role,
    sessionName: input.RoleSessionName,
    durationSeconds,
    context: {
      federatedProvider: verified.provider.arn,
      ...requestedSessionContext({ tags, sourceIdentity, policy: input.Policy, policyArns: input.PolicyArns }),
    },
  });
  return {
    SubjectFromWebIdentityToken: verified.subject,
    Audience: verified.audience,
    AssumedRoleUser: issued.assumedRoleUser,
    Credentials: issued.credentials,
    // For an IAM OIDC provider STS answers with the provider's ARN, e.g.
    // arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/… (seen in
    // real `aws sts assume-role-with-web-identity` output for EKS), not the bare iss.
    Provider: verified.provider.arn,
    ...(sourceIdentity === undefined ? {} : { SourceIdentity: sourceIdentity }),
    ...(packed === undefined ? {} : { PackedPolicySize: packed }),
  };
}
