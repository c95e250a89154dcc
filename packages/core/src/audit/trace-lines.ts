import { formatTrace } from '../policy/index.js';
import type { Decision, TraceEntry } from '../policy/index.js';
import type { TraceLine } from './types.js';

/**
 * Whether a policy trace entry is a step that passed, failed, or a plain fact. A Deny statement
 * runs the other way: its applying is the refusal and its not applying lets the request on, so
 * that is its verdict, and its own steps (a matched action, a condition → true) are facts.
 */
function verdict(entry: TraceEntry): boolean | null {
  if (entry.kind !== 'decision' && entry.statement.effect === 'Deny') return entry.kind === 'statement' ? !entry.applies : null;
  switch (entry.kind) {
    case 'action':
    case 'resource':
    case 'principal':
      return entry.matched;
    case 'condition':
      return entry.result;
    case 'statement':
      return entry.applies;
    case 'decision':
      return entry.effect === 'Allow';
  }
}

/** A policy evaluation as trace lines: formatTrace's sentences, each marked passed or failed. */
export function policyTraceLines(decision: Decision, heading?: string): TraceLine[] {
  const texts = formatTrace(decision.trace);
  const lines: TraceLine[] = decision.trace.map((entry, i) => ({ ok: verdict(entry), text: texts[i] as string }));
  return heading === undefined ? lines : [{ ok: null, text: heading }, ...lines];
}
