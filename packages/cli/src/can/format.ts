import type { PodRole } from './pod-role.js';

interface Position {
  Line: number;
  Column: number;
}

interface MatchedStatement {
  SourcePolicyId: string;
  SourcePolicyType: string;
  StartPosition: Position;
  EndPosition: Position;
}

/** The members of IAM's EvaluationResult that `eksid can` prints (JSON protocol). */
export interface EvaluationResult {
  EvalActionName: string;
  EvalResourceName: string;
  EvalDecision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  MatchedStatements?: MatchedStatement[];
  MissingContextValues?: string[];
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
  ResourceSpecificResults?: { MissingContextValues?: string[] }[];
}

// How IAM's PolicySourceType reads in a sentence.
const SOURCE: Readonly<Record<string, string>> = { role: 'inline policy', 'aws-managed': 'AWS managed policy', 'user-managed': 'managed policy', none: 'policy' };

export function describeRole(pod: string, role: Exclude<PodRole, { kind: 'none' }>): string {
  return `${pod} → ${role.roleArn} (${role.kind === 'irsa' ? 'IRSA, eks.amazonaws.com/role-arn' : 'EKS Pod Identity association'})`;
}

function statementLine(s: MatchedStatement): string {
  return `${SOURCE[s.SourcePolicyType] ?? s.SourcePolicyType} "${s.SourcePolicyId}", statement at line ${s.StartPosition.Line} column ${s.StartPosition.Column} to line ${s.EndPosition.Line} column ${s.EndPosition.Column}`;
}

/**
 * The answer as `eksid explain` words a trace: the outcome, the role and why, then one line
 * per matched statement (the statements that decided, as IAM reports them).
 */
export function formatSimulation(result: EvaluationResult, role: string): string {
  const allowed = result.EvalDecision === 'allowed';
  const lines = [`${allowed ? 'allowed' : 'denied'}: ${result.EvalActionName} on ${result.EvalResourceName}`, `  ${role}`];
  const matched = result.MatchedStatements ?? [];
  if (result.EvalDecision === 'explicitDeny') lines.push(...matched.map((s) => `  ✗ explicitly denied by ${statementLine(s)}`));
  else if (allowed) lines.push(...matched.map((s) => `  ✓ allowed by ${statementLine(s)}`));
  else lines.push('  ✗ implicitly denied: no statement allows it');
  if (result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false) lines.push('  ✗ the permissions boundary does not allow it');
  const missing = [...(result.MissingContextValues ?? []), ...(result.ResourceSpecificResults ?? []).flatMap((r) => r.MissingContextValues ?? [])];
  if (missing.length > 0) lines.push(`  context keys the policies read that a pod's request does not carry here: ${[...new Set(missing)].join(', ')}`);
  return `${lines.join('\n')}\n`;
}
