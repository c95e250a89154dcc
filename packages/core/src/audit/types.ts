/**
 * A credential decision as eksid records it: who asked for what, what was answered, and why.
 * AWS answers refusals with an opaque AccessDenied; the trace is eksid's extra, never on the wire.
 */

/**
 * Which component decided: the STS API, the EKS Auth API, a node agent or the admission webhook;
 * the IAM and EKS APIs record the calls `--enforce-iam` denies.
 */
export type DecisionSource = 'sts' | 'eks-auth' | 'agent' | 'webhook' | 'iam' | 'eks';

/** The sources that report over POST /_eksid/events; eksid decides the others itself. */
export const INGESTED_SOURCES: readonly DecisionSource[] = ['agent', 'webhook'];

/** 'allowed': credentials (or a mutation) were handed out; 'denied': an error was answered instead. */
export type DecisionOutcome = 'allowed' | 'denied';

/**
 * One step of a decision, readable on its own, e.g. `aud "sts" not in client ids ["sts.amazonaws.com"]`.
 * `ok` false marks the step that failed (a dashboard paints it red), true one that passed, null a fact.
 */
export interface TraceLine {
  readonly ok: boolean | null;
  readonly text: string;
}

/** What the decision was about; each is null when the request never got far enough to know it. */
export interface DecisionSubject {
  /** The asking identity: an assumed-role ARN, `system:serviceaccount:NS:SA`, a pod `NS/NAME`. */
  caller: string | null;
  cluster: string | null;
  namespace: string | null;
  serviceAccount: string | null;
  /** The role's ARN as asked for (or as the association names it). */
  role: string | null;
}

export interface DecisionEventInput extends DecisionSubject {
  time: Date;
  source: DecisionSource;
  /** The API operation, e.g. AssumeRoleWithWebIdentity, AssumeRoleForPodIdentity, GetCredentials, Mutate. */
  action: string;
  outcome: DecisionOutcome;
  /** The AWS error code the caller got (or the component's own status text), null when allowed. */
  errorCode: string | null;
  errorMessage: string | null;
  trace: readonly TraceLine[];
  /** Small extra facts (issued access key id, source IP, mutated containers…), JSON-safe. */
  detail: Readonly<Record<string, unknown>>;
}

/** A recorded decision; ids grow and are never reused, so `after=<id>` is a stable cursor. */
export interface DecisionEvent extends DecisionEventInput {
  id: number;
}

export interface DecisionFilter {
  /** Only events with a larger id. */
  afterId?: number;
  cluster?: string;
  deniedOnly?: boolean;
  /** At most this many, the newest ones (returned oldest first). */
  limit?: number;
}

/**
 * How much history is kept: whichever bound bites first. `maxCount` bounds eksid's own
 * decisions (STS, EKS Auth); each source that reports over HTTP (agent, webhook) keeps at most
 * ingestQuota() more, so no amount of reported events can push out what eksid decided.
 */
export interface RetentionPolicy {
  maxCount: number;
  maxAgeSeconds: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { maxCount: 10_000, maxAgeSeconds: 7 * 24 * 3600 };

/** How many decisions each reporting source keeps: a quarter of maxCount, at least one. */
export function ingestQuota(retention: RetentionPolicy): number {
  return Math.max(1, Math.floor(retention.maxCount / 4));
}
