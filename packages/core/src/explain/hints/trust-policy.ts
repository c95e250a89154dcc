import { POD_IDENTITY_SERVICE } from '../../eks-auth/assume-role-for-pod-identity.js';
import { oidcProviderArn } from '../../ids/index.js';
import { issuerHostPath } from '../../oidc/index.js';
import { actionClauseMatches } from '../../policy/match-action.js';
import type { ConditionClause, PolicyDocument, Statement } from '../../policy/index.js';

/** Where a trust policy hint can point the reader: the cluster the decision was about, when known. */
export interface TrustPolicyScope {
  /** The issuer of the decision's cluster, e.g. http://127.0.0.1:4599/id/ABC…; undefined when unknown. */
  issuer: string | undefined;
  partition: string;
  accountId: string;
  /** The role, shortened as people name it (`role/demo-app`). */
  roleName: string;
}

const EQUALITY = new Set(['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase']);

/** The *Like operator with the same set prefix and IfExists: what a wildcard needs. */
function likeOperator(clause: ConditionClause): string {
  const base = clause.base.startsWith('StringNot') ? 'StringNotLike' : 'StringLike';
  return `${clause.set === undefined ? '' : `${clause.set}:`}${base}${clause.ifExists ? 'IfExists' : ''}`;
}

/** (a) `*` or `?` in a StringEquals value is matched as that character, not as a wildcard. */
export function wildcardHints(doc: PolicyDocument): string[] {
  const hints: string[] = [];
  for (const clause of doc.statements.flatMap((s) => s.conditions)) {
    const wild = EQUALITY.has(clause.base) ? clause.values.find((v) => /[*?]/.test(v)) : undefined;
    if (wild !== undefined) hints.push(`${clause.operator} compares literally; ${JSON.stringify(wild)} needs ${likeOperator(clause)}`);
  }
  return hints;
}

/**
 * A shell variable (`$HP`, `${OIDC_ID}`) left as text. IAM's own policy variables always have
 * a colon (`${aws:username}`) or are `${*}`, `${?}`, `${$}`, so they never match.
 */
const SHELL_VARIABLE = /\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)/;
const CLAIM_KEY = /:(sub|aud|amr)$/;

interface Written {
  what: string;
  text: string;
  /** What it should have been, when the decision's cluster says. */
  meant: string | undefined;
}

/** Every principal, condition key and condition value, with what it should say if it names the issuer. */
function writtenIn(statement: Statement, scope: TrustPolicyScope): Written[] {
  const hostPath = scope.issuer === undefined ? undefined : issuerHostPath(scope.issuer);
  const out: Written[] = [];
  const element = statement.principal?.element;
  if (element !== undefined && element !== '*') {
    for (const [type, values] of Object.entries(element)) {
      for (const text of values ?? []) {
        const meant = type === 'Federated' && hostPath !== undefined && text.includes(':oidc-provider/') ? oidcProviderArn(scope.partition, scope.accountId, hostPath) : undefined;
        out.push({ what: `the ${type} principal`, text, meant });
      }
    }
  }
  for (const clause of statement.conditions) {
    const claim = CLAIM_KEY.exec(clause.key)?.[1];
    out.push({ what: 'the condition key', text: clause.key, meant: claim !== undefined && hostPath !== undefined ? `${hostPath}:${claim}` : undefined });
    for (const text of clause.values) out.push({ what: `the ${clause.operator} value`, text, meant: undefined });
  }
  return out;
}

const fix = (meant: string | undefined, otherwise: string): string => (meant === undefined ? otherwise : `write ${JSON.stringify(meant)}`);

/**
 * (b) The policy was written by a shell that did not expand a variable (a quoted heredoc
 * `<<'EOF'`, single quotes), or expanded one that was empty (`":sub"`; IAM refuses a provider
 * ARN left with nothing after `oidc-provider/`).
 */
export function shellVariableHints(doc: PolicyDocument, scope: TrustPolicyScope): string[] {
  const hints: string[] = [];
  for (const { what, text, meant } of doc.statements.flatMap((s) => writtenIn(s, scope))) {
    const variable = SHELL_VARIABLE.exec(text)?.[0];
    if (variable !== undefined) {
      hints.push(`${what} ${JSON.stringify(text)} holds the shell variable ${variable}, never expanded (a quoted heredoc or single quotes); ${fix(meant, 'write its value')}`);
    } else if (what === 'the condition key' && text.startsWith(':')) {
      hints.push(`${what} ${JSON.stringify(text)} lacks the issuer, as if a shell variable was empty when the policy was written; ${fix(meant, 'put the issuer host/path in')}`);
    }
  }
  return hints;
}

const POD_IDENTITY_ACTIONS = '"Action": ["sts:AssumeRole", "sts:TagSession"]';

function trustsPods(statement: Statement): boolean {
  const principal = statement.principal;
  if (statement.effect !== 'Allow' || principal === undefined || principal.negated) return false;
  return principal.element === '*' || (principal.element.Service ?? []).includes(POD_IDENTITY_SERVICE);
}

/** (c) An EKS Pod Identity role must let pods.eks.amazonaws.com both sts:AssumeRole and sts:TagSession. */
export function podIdentityHints(doc: PolicyDocument, scope: TrustPolicyScope): string[] {
  const trusting = doc.statements.filter(trustsPods);
  if (trusting.length === 0) {
    return [`${scope.roleName} does not trust ${POD_IDENTITY_SERVICE}: a Pod Identity role needs "Principal": {"Service": "${POD_IDENTITY_SERVICE}"} and ${POD_IDENTITY_ACTIONS}`];
  }
  const allows = (action: string) => trusting.some((s) => actionClauseMatches(s.action, action));
  if (allows('sts:AssumeRole') && !allows('sts:TagSession')) {
    return [`${scope.roleName} lets ${POD_IDENTITY_SERVICE} sts:AssumeRole but not sts:TagSession, which EKS Pod Identity also needs: ${POD_IDENTITY_ACTIONS}`];
  }
  return [];
}
