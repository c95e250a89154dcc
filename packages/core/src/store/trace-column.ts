import type { TraceLine } from '../audit/types.js';
import { fromJson, toJson } from './json.js';

// How decision_events.trace holds a decision's trace. It is written on every credential
// request and read only when someone looks, so it is made cheap to write: each line is its
// verdict's mark then its text, lines joined by '\n': JSON.stringify of the same lines (each
// text quoted and escaped again) was a noticeable share of the request thread's CPU under load
// (docs/performance.md).
// JSON stays readable and is still written for a trace whose text holds a '\n' (an error
// message may): JSON starts with '[', a line with its mark, so each row says which it is.
// Rows written before this (JSON, migration 3's default '[]') read as they always did.

const MARKS = new Map<TraceLine['ok'], string>([
  [true, '+'],
  [false, '-'],
  [null, '='],
]);
const VERDICTS = new Map<string, TraceLine['ok']>([...MARKS].map(([ok, mark]) => [mark, ok]));

export function encodeTrace(trace: readonly TraceLine[]): string {
  let text = '';
  for (let i = 0; i < trace.length; i++) {
    const line = trace[i] as TraceLine;
    if (line.text.includes('\n')) return toJson(trace);
    text += i === 0 ? `${MARKS.get(line.ok)}${line.text}` : `\n${MARKS.get(line.ok)}${line.text}`;
  }
  return text;
}

export function decodeTrace(text: string): TraceLine[] {
  if (text === '') return [];
  if (text.startsWith('[')) return fromJson<TraceLine[]>(text);
  return text.split('\n').map((line) => {
    const ok = VERDICTS.get(line.charAt(0));
    if (ok === undefined) throw new Error(`decision trace line with no verdict mark: ${JSON.stringify(line.slice(0, 40))}`);
    return { ok, text: line.slice(1) };
  });
}
