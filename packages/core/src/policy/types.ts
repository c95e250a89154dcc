/** Which IAM document grammar applies: identity policies need Resource, trust policies need Principal. */
export type PolicyKind = 'identity' | 'trust';

/** 2008-10-17 is the legacy grammar: no policy variables (reference_policies_elements_version.html). */
export type PolicyVersion = '2012-10-17' | '2008-10-17';

export type PrincipalType = 'AWS' | 'Federated' | 'Service' | 'CanonicalUser';

/** A Principal/NotPrincipal element: `"*"` or a map of principal type → values. */
export type PrincipalElement = '*' | Partial<Record<PrincipalType, readonly string[]>>;

export type SetOperator = 'ForAnyValue' | 'ForAllValues';

export type BaseOperator =
  | 'StringEquals' | 'StringNotEquals' | 'StringEqualsIgnoreCase' | 'StringNotEqualsIgnoreCase'
  | 'StringLike' | 'StringNotLike'
  | 'NumericEquals' | 'NumericNotEquals' | 'NumericLessThan' | 'NumericLessThanEquals'
  | 'NumericGreaterThan' | 'NumericGreaterThanEquals'
  | 'DateEquals' | 'DateNotEquals' | 'DateLessThan' | 'DateLessThanEquals'
  | 'DateGreaterThan' | 'DateGreaterThanEquals'
  | 'Bool' | 'BinaryEquals' | 'IpAddress' | 'NotIpAddress'
  | 'ArnEquals' | 'ArnLike' | 'ArnNotEquals' | 'ArnNotLike'
  | 'Null';

/** One `operator → key → values` leaf of a Condition block, operator already decomposed. */
export interface ConditionClause {
  /** As written in the policy, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  readonly base: BaseOperator;
  readonly set: SetOperator | undefined;
  readonly ifExists: boolean;
  readonly key: string;
  readonly values: readonly string[];
}

export interface PatternList {
  /** True for NotAction / NotResource / NotPrincipal. */
  readonly negated: boolean;
  readonly values: readonly string[];
}

export interface PrincipalClause {
  readonly negated: boolean;
  readonly element: PrincipalElement;
}

export interface Statement {
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly action: PatternList;
  readonly resource: PatternList | undefined;
  readonly principal: PrincipalClause | undefined;
  readonly conditions: readonly ConditionClause[];
}

export interface PolicyDocument {
  readonly kind: PolicyKind;
  readonly version: PolicyVersion;
  readonly id: string | undefined;
  readonly statements: readonly Statement[];
}

/** Who is calling: every identity the caller "is" that a policy could name. */
export interface Principal {
  readonly type: PrincipalType;
  /** e.g. for a role session: the assumed-role ARN and the role ARN. */
  readonly identifiers: readonly string[];
  /** Lets `"AWS": "111122223333"` and `arn:aws:iam::111122223333:root` match any principal of the account. */
  readonly accountId?: string;
}

export type ContextScalar = string | number | boolean;
export type ContextValue = ContextScalar | readonly ContextScalar[];

/** Condition keys (looked up case-insensitively) → values; arrays are multivalued keys such as aws:TagKeys. */
export type ConditionContext = Readonly<Record<string, ContextValue>>;

export interface AuthorizationRequest {
  readonly action: string;
  readonly resource?: string;
  readonly principal?: Principal;
  readonly context: ConditionContext;
}

export type DecisionEffect = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** Names a statement in a trace; `policy` is set only when several documents were evaluated together. */
export interface StatementRef {
  readonly policy: number | undefined;
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
}

export type TraceEntry =
  | { readonly kind: 'action'; readonly statement: StatementRef; readonly action: string; readonly patterns: PatternList; readonly matched: boolean }
  | { readonly kind: 'resource'; readonly statement: StatementRef; readonly resource: string | undefined; readonly patterns: PatternList; readonly matched: boolean }
  | { readonly kind: 'principal'; readonly statement: StatementRef; readonly caller: Principal | undefined; readonly clause: PrincipalClause; readonly matched: boolean }
  | {
      readonly kind: 'condition';
      readonly statement: StatementRef;
      readonly operator: string;
      readonly base: BaseOperator;
      readonly key: string;
      readonly policyValues: readonly string[];
      /** `'missing'` when the key is absent from the request context. */
      readonly requestValues: readonly string[] | 'missing';
      /** True when a single request value was an array (multivalued) or a set operator was used. */
      readonly multivalued: boolean;
      readonly result: boolean;
    }
  | { readonly kind: 'statement'; readonly statement: StatementRef; readonly applies: boolean }
  | { readonly kind: 'decision'; readonly effect: DecisionEffect; readonly decidedBy: StatementRef | undefined };

export interface Decision {
  readonly effect: DecisionEffect;
  readonly trace: readonly TraceEntry[];
}
