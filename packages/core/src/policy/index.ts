export { PolicySyntaxError } from './errors.js';
export { parsePolicyDocument } from './parse.js';
export { parseStoredPolicy } from './parse-cached.js';
export { contextLookup } from './context.js';
export type { ContextLookup } from './context.js';
export { evaluatePolicy, evaluatePolicies } from './evaluate.js';
export type { StatementMemo } from './evaluate.js';
export { formatTrace } from './format-trace.js';
export type {
  AuthorizationRequest,
  BaseOperator,
  ConditionClause,
  ConditionContext,
  ContextScalar,
  ContextValue,
  Decision,
  DecisionEffect,
  PatternList,
  PolicyDocument,
  PolicyKind,
  PolicyVersion,
  Principal,
  PrincipalClause,
  PrincipalElement,
  PrincipalType,
  SetOperator,
  Statement,
  StatementRef,
  TraceEntry,
} from './types.js';
