import { AwsError, InternalFailureError } from '../errors.js';
import type { Decision } from '../policy/index.js';
import { policyTraceLines } from './trace-lines.js';
import { unverifiedClaims } from './unverified-claims.js';
import type { DecisionEventInput, DecisionSource, DecisionSubject, TraceLine } from './types.js';

/** `system:serviceaccount:NS:SA` → its namespace and name (the form Kubernetes puts in `sub`). */
export function serviceAccountOfSubject(sub: string): { namespace: string; serviceAccount: string } | undefined {
  const parts = sub.split(':');
  if (parts.length !== 4 || parts[0] !== 'system' || parts[1] !== 'serviceaccount' || !parts[2] || !parts[3]) return undefined;
  return { namespace: parts[2], serviceAccount: parts[3] };
}

/** Longest `system:serviceaccount:NS:SA` there can be: two 253-character Kubernetes names. */
const MAX_UNVERIFIED_SUB = 'system:serviceaccount::'.length + 2 * 253;

/**
 * Who a token says it is, read WITHOUT verifying it: only for recording a refused token's
 * claimed identity next to the reason it was refused. Never use it to decide anything.
 */
export function unverifiedSubject(token: string): Partial<Pick<DecisionSubject, 'caller' | 'namespace' | 'serviceAccount'>> {
  const { sub } = unverifiedClaims(token);
  if (sub === undefined) return {};
  // A refused token may carry anything: keep what is recorded of it to name-sized pieces.
  if (sub.length > MAX_UNVERIFIED_SUB) return { caller: `${sub.slice(0, MAX_UNVERIFIED_SUB)}…` };
  return { caller: sub, ...serviceAccountOfSubject(sub) };
}

/**
 * Collects one decision while it is being made: the core actions note what they learn (the
 * role, the pod, each token check, the trust policy's trace) and the adapter that called them
 * finishes it with the answer it sent. Actions take it as optional, so deciding works the same
 * whether anyone is listening or not.
 */
export class DecisionDraft {
  readonly trace: TraceLine[] = [];
  readonly subject: DecisionSubject = { caller: null, cluster: null, namespace: null, serviceAccount: null, role: null };
  readonly detail: Record<string, unknown> = {};

  constructor(
    readonly source: DecisionSource,
    readonly action: string,
  ) {}

  /** Records facts; undefined values leave what is known alone. */
  about(facts: Partial<Record<keyof DecisionSubject, string | null | undefined>>): this {
    for (const [key, value] of Object.entries(facts)) {
      if (value !== undefined) this.subject[key as keyof DecisionSubject] = value;
    }
    return this;
  }

  passed(text: string): this {
    this.trace.push({ ok: true, text });
    return this;
  }

  failed(text: string): this {
    this.trace.push({ ok: false, text });
    return this;
  }

  fact(text: string): this {
    this.trace.push({ ok: null, text });
    return this;
  }

  /** A policy evaluation, under a heading such as `trust policy of arn:…:role/app, action sts:AssumeRole`. */
  policy(heading: string, decision: Decision): this {
    this.trace.push(...policyTraceLines(decision, heading));
    return this;
  }

  /** The finished record: allowed when `error` is undefined, else denied with the error's code. */
  finish(time: Date, error?: unknown): DecisionEventInput {
    const trace = [...this.trace];
    let errorCode: string | null = null;
    let errorMessage: string | null = null;
    if (error instanceof AwsError) {
      errorCode = error.code;
      errorMessage = error.message;
    } else if (error !== undefined) {
      // A bug, not an answer: the client got the generic InternalFailure; the trace keeps what broke.
      const answered = new InternalFailureError();
      trace.push({ ok: false, text: `internal error: ${error instanceof Error ? error.message : String(error)}` });
      errorCode = answered.code;
      errorMessage = answered.message;
    }
    if (errorCode !== null) trace.push({ ok: false, text: `answered ${errorCode}: ${errorMessage}` });
    // One literal, no spreads: this runs once per credential request.
    const { caller, cluster, namespace, serviceAccount, role } = this.subject;
    return {
      time, source: this.source, action: this.action, outcome: error === undefined ? 'allowed' : 'denied',
      caller, cluster, namespace, serviceAccount, role, errorCode, errorMessage, trace, detail: { ...this.detail },
    };
  }

}
