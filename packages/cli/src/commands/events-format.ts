import type { DecisionEventJson } from '@eksid/core';

export interface EventStyle {
  /** ANSI colours: red denied, green allowed, dim facts. */
  color: boolean;
  /** Every event's trace; otherwise only denied ones show theirs (an allowed trace is all ticks). */
  traces: boolean;
}

// The few SGR codes used, each closed by its own reset so styles nest.
const paint = {
  red: (s: string) => `\x1b[31m${s}\x1b[39m`,
  green: (s: string) => `\x1b[32m${s}\x1b[39m`,
  bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
  dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
};
const plain: typeof paint = { red: (s) => s, green: (s) => s, bold: (s) => s, dim: (s) => s };

/**
 * Control characters shown escaped: event text comes from other processes (agents and webhooks
 * report over HTTP), and an escape sequence in a role name must not drive the terminal.
 */
function safe(text: string): string {
  const control = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);
  return Array.from(text, (c) => (control(c.charCodeAt(0)) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
}

/** Who asked, in the fewest words: `demo default/app`, else the caller as recorded. */
function subjectOf(event: DecisionEventJson): string {
  const who = event.namespace !== null && event.serviceAccount !== null ? `${event.namespace}/${event.serviceAccount}` : event.caller;
  return [event.cluster, who].filter((part): part is string => part !== null).map(safe).join(' ');
}

function traceLines(event: DecisionEventJson, p: typeof paint): string[] {
  const lines = event.trace.map(({ ok, text }) => (ok === true ? `    ${p.green('✓')} ${safe(text)}` : ok === false ? `    ${p.red('✗')} ${safe(text)}` : p.dim(`    · ${safe(text)}`)));
  // Reporters may send a refusal without a trace; its message is then the only why there is.
  if (lines.length === 0 && event.outcome === 'denied' && event.errorMessage) lines.push(`    ${p.red('✗')} ${safe(event.errorMessage)}`);
  return lines;
}

/** What to change, one `hint:` line each; servers that predate hints send none. */
function hintLines(event: DecisionEventJson, p: typeof paint): string[] {
  return (event.hints ?? []).map((hint) => `    ${p.bold('hint:')} ${safe(hint)}`);
}

/**
 * One decision for a reader: a header line
 * `2026-03-01T12:00:00Z  DENIED   sts AssumeRoleWithWebIdentity  demo default/app → arn:…:role/x  AccessDenied`
 * then, indented, the trace: ✓ passed, ✗ failed, · a fact; then a denied one's hints.
 */
export function formatEvent(event: DecisionEventJson, style: EventStyle): string {
  const p = style.color ? paint : plain;
  const denied = event.outcome === 'denied';
  const outcome = denied ? p.bold(p.red('DENIED ')) : p.bold(p.green('ALLOWED'));
  let header = `${p.dim(event.time.replace(/\.\d+Z$/, 'Z'))}  ${outcome}  ${safe(event.source)} ${safe(event.action)}`;
  const subject = subjectOf(event);
  if (subject !== '' || event.role !== null) header += ' ';
  if (subject !== '') header += ` ${subject}`;
  if (event.role !== null) header += ` ${p.dim('→')} ${safe(event.role)}`;
  if (event.errorCode !== null) header += `  ${p.red(safe(event.errorCode))}`;
  const lines = [header, ...(denied || style.traces ? traceLines(event, p) : []), ...(denied ? hintLines(event, p) : [])];
  return `${lines.join('\n')}\n`;
}

/** `--json`: the event exactly as the server sent it, one per line (NDJSON). */
export function formatEventJson(event: DecisionEventJson): string {
  return `${JSON.stringify(event)}\n`;
}
