import type { DecisionEventInput } from '../../audit/types.js';
import { parseStoredPolicy } from '../../policy/index.js';
import type { PolicyDocument } from '../../policy/index.js';
import type { HintFacts } from './facts.js';
import { podIdentityHints, shellVariableHints, wildcardHints } from './trust-policy.js';
import type { TrustPolicyScope } from './trust-policy.js';
import { tokenHints, unknownClusterHints } from './token.js';

/** What a hint reads of a decision: a recorded one, or one `eksid explain` just made. */
export type HintedDecision = Pick<DecisionEventInput, 'source' | 'outcome' | 'cluster' | 'role' | 'trace'>;

/** The heading DecisionDraft.policy writes before a trust policy's evaluation (sts/, eks-auth/). */
const TRUST_POLICY_HEADING = 'trust policy of ';

function trustPolicy(text: string | undefined): PolicyDocument | undefined {
  if (text === undefined) return undefined;
  try {
    return parseStoredPolicy(text, 'trust');
  } catch {
    // A document IAM would not have taken: the decision's trace already says it failed to parse.
    return undefined;
  }
}

/** `arn:aws:iam::000000000000:role/x` → `role/x`. */
const shortRole = (arn: string): string => arn.split(':').slice(5).join(':') || arn;

function trustPolicyHints(decision: HintedDecision, facts: HintFacts): string[] {
  const { role, source, cluster, trace } = decision;
  if (role === null || !trace.some((line) => line.ok === null && line.text.startsWith(TRUST_POLICY_HEADING))) return [];
  const doc = trustPolicy(facts.trustPolicy(role));
  if (doc === undefined) return [];
  const scope: TrustPolicyScope = {
    issuer: cluster === null ? undefined : facts.issuerOf(cluster),
    partition: facts.partition,
    accountId: facts.accountId,
    roleName: shortRole(role),
  };
  return [...wildcardHints(doc), ...shellVariableHints(doc, scope), ...(source === 'eks-auth' ? podIdentityHints(doc, scope) : [])];
}

/**
 * What to change so a denied decision would be allowed, for the mistakes people make most
 * (wildcards under StringEquals, unexpanded shell variables, Pod Identity roles without
 * sts:TagSession, audiences that are no client id, clusters that do not exist), one line each.
 * Read from the decision's trace and the account as it is now; never on a request's path
 * (`eksid explain`, the events API and the dashboard compute them when they show a decision).
 * Allowed decisions get none.
 */
export function decisionHints(decision: HintedDecision, facts: HintFacts): string[] {
  if (decision.outcome !== 'denied') return [];
  const hints = [
    ...unknownClusterHints(decision.cluster, facts),
    ...tokenHints(decision.trace, decision.cluster, facts),
    ...trustPolicyHints(decision, facts),
  ];
  return [...new Set(hints)];
}
