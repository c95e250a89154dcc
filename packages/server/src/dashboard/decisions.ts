import type { DecisionEvent, TraceLine } from '@eksid/core';
import { html } from './html.js';
import type { Html } from './html.js';

/**
 * One decision as a list row: the only renderer of decisions. The page renders its first rows
 * with it, and the page script asks GET /_eksid/dashboard/decisions for later ones instead of
 * building markup itself, so a row looks the same whether it was there at load or arrived live.
 */

/** How many rows the page opens with (the newest ones). */
export const INITIAL_ROWS = 50;
/** The most rows one fragment carries: a burst larger than this shows its newest ones. */
export const FRAGMENT_ROWS = 200;

const MARKS = { passed: '✓', failed: '✗', fact: '·' } as const;

function traceLine(line: TraceLine): Html {
  const kind = line.ok === true ? 'passed' : line.ok === false ? 'failed' : 'fact';
  return html`<li class="${kind}"><span class="mark" aria-label="${kind}">${MARKS[kind]}</span> ${line.text}</li>`;
}

/** `arn:aws:iam::000000000000:role/demo-app` → `role/demo-app`: the account is the same on every row. */
export function shortArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return arn.startsWith('arn:') && resource ? resource : arn;
}

/** Who asked: the pod's service account when known, else the calling identity. */
function who(event: DecisionEvent): string | null {
  if (event.namespace !== null && event.serviceAccount !== null) return `${event.namespace}/${event.serviceAccount}`;
  return event.caller === null ? null : shortArn(event.caller);
}

/** UTC clock time; the page script rewrites it in the viewer's time zone. */
function clock(time: Date): string {
  return `${time.toISOString().slice(11, 19)} UTC`;
}

function details(event: DecisionEvent): Html {
  const facts: [string, string | null][] = [
    ['source', event.source],
    ['caller', event.caller],
    ['cluster', event.cluster],
    ['role', event.role],
  ];
  const extra = Object.entries(event.detail).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)]);
  return html`<dl class="facts">${[...facts, ...extra]
    .filter((fact): fact is [string, string] => fact[1] !== null)
    .map(([key, value]) => html`<dt>${key}</dt><dd>${value}</dd>`)}</dl>`;
}

export function decisionRow(event: DecisionEvent): Html {
  const denied = event.outcome === 'denied';
  const subject = who(event);
  return html`<li class="decision ${event.outcome}" id="decision-${event.id}" data-id="${event.id}" data-outcome="${event.outcome}">
<details>
<summary><span class="verdict">${denied ? 'DENIED' : 'ALLOWED'}</span>${denied ? html` <span class="code">${event.errorCode}</span>` : null}
<span class="action">${event.action}</span>
${subject === null ? null : html`<span class="who">${subject}</span>`}${event.role === null ? null : html` <span class="arrow">→</span> <span class="role" title="${event.role}">${shortArn(event.role)}</span>`}
${event.cluster === null ? null : html`<span class="cluster">${event.cluster}</span>`}
<time datetime="${event.time.toISOString()}">${clock(event.time)}</time></summary>
${event.errorMessage === null ? null : html`<p class="message">${event.errorMessage}</p>`}
<ol class="trace">${event.trace.map(traceLine)}</ol>
${details(event)}
</details>
</li>
`;
}

/** Rows newest first, as the list shows them. */
export function decisionRows(events: readonly DecisionEvent[]): Html {
  return html`${[...events].reverse().map(decisionRow)}`;
}
