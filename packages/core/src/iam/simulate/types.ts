import type { PolicyDocument } from '../../policy/index.js';
import type { Position } from './statement-spans.js';

/** PolicySourceType (botocore iam/2010-05-08 service-2.json). */
export type PolicySourceType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** A policy taken into a simulation: how the answer names it, its text (for positions) and its parsed form. */
export interface SimulationPolicy {
  readonly id: string;
  readonly type: PolicySourceType;
  readonly text: string;
  readonly doc: PolicyDocument;
}

/** The layers AWS evaluates for a principal in its own account (reference_policies_evaluation-logic.html). */
export interface SimulationPolicies {
  readonly identity: readonly SimulationPolicy[];
  readonly boundary: SimulationPolicy | undefined;
  /** Only for a simulated session: its inline and managed session policies; undefined when it had none. */
  readonly session: readonly SimulationPolicy[] | undefined;
}

export interface MatchedStatement {
  readonly sourcePolicyId: string;
  readonly sourcePolicyType: PolicySourceType;
  readonly start: Position;
  readonly end: Position;
}

/** One action on one resource, as EvaluationResult / ResourceSpecificResult carry it. */
export interface SimulationResult {
  readonly action: string;
  readonly resource: string;
  readonly decision: EvalDecision;
  readonly matchedStatements: readonly MatchedStatement[];
  readonly missingContextValues: readonly string[];
  /** Set when a permissions boundary took part: whether it allowed the action. */
  readonly allowedByBoundary: boolean | undefined;
}
