import type { DecisionEvent } from '@eksid/core';

/** Failed lines that only sum up the step that failed before them (policy/format-trace.ts, DecisionDraft.finish). */
const SUMMARY = /^(?:(?:policy \S+ )?statement \d+(?: "(?:[^"\\]|\\.)*")? \((?:Allow|Deny)\): does not apply$|decision: |answered )/;
/** `statement 0 (Allow): ` before a failed step: an Allow that did not apply is the usual refusal, so it goes without saying. */
const ALLOW_LABEL = /^(?:policy \S+ )?statement \d+(?: "(?:[^"\\]|\\.)*")? \(Allow\): /;
/**
 * An issuer host/path before a claim key (`127.0.0.1:4599/id/0A1B…:sub`): long, and the same on
 * every row. It starts where a word does (the lookbehind): unanchored, the engine scanned a long
 * word once from each of its characters, and a 30,000-character token in a trace made every
 * dashboard render take seconds.
 */
const ISSUER_KEY = /(?<![^\s"[])[^\s"[]*\/id\/[0-9A-Fa-f]{8,}(?=:(?:sub|aud|amr)\b)/g;
/** The agent names the EKS Auth request it relayed; each retry has its own, which would keep retries apart. */
const REQUEST_ID = /, request [0-9A-Za-z-]+\)/g;

type Judged = Pick<DecisionEvent, 'outcome' | 'errorCode' | 'errorMessage' | 'trace'>;

/**
 * The step that refused a denied decision, shortened for a row: the first failed line of its
 * trace, else the error message (a request refused before any check). Null when allowed.
 */
export function failedStep(event: Judged): string | null {
  if (event.outcome !== 'denied') return null;
  const step = event.trace.find((line) => line.ok === false && !SUMMARY.test(line.text))?.text ?? event.errorMessage;
  return step === null || step === '' ? null : step.replace(ALLOW_LABEL, '').replace(ISSUER_KEY, '…').replace(REQUEST_ID, ')');
}

/**
 * Why a denied decision was denied, in one line: its error code and failed step, e.g.
 * `AccessDenied: condition StringEquals …:sub: "system:serviceaccount:default:intruder" not in
 * ["system:serviceaccount:default:app"]`. Null when allowed.
 */
export function decisionReason(event: Judged): string | null {
  if (event.outcome !== 'denied') return null;
  const code = event.errorCode ?? 'denied';
  const step = failedStep(event);
  return step === null ? code : `${code}: ${step}`;
}
