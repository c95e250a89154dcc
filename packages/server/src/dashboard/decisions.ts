import type { DecisionEvent, TraceLine } from '@eksid/core';
import { groupDecisions } from './groups.js';
import type { DecisionGroup } from './groups.js';
import { html } from './html.js';
import type { Html } from './html.js';
import { failedStep } from './reason.js';

/**
 * Decisions as list rows: the only renderer of decisions. The page renders its first rows with
 * it, and the page script asks GET /_eksid/dashboard/decisions for later ones instead of
 * building markup itself, so a row looks the same whether it was there at load or arrived live.
 * Identical decisions share a row (groups.ts) with their count; the script folds a new row into
 * the one of the same group already on the page.
 */

/** How many decisions the page opens with (the newest ones), before grouping. */
export const INITIAL_ROWS = 50;
/** The most decisions one fragment carries: a burst larger than this shows its newest ones. */
export const FRAGMENT_ROWS = 200;

/** What to change so a denied decision would be allowed (core's explain hints), computed when rendered. */
export type HintsOf = (event: DecisionEvent) => readonly string[];

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

/** Who asked: the pod's service account when known, else the calling identity, shortened. */
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

/** The error code and the failed step, on a line of its own under the summary: readable without a click. */
function reasonLine(event: DecisionEvent): Html {
  const step = failedStep(event);
  return html`<span class="reason"${step === null ? null : html` title="${step}"`}><span class="code">${event.errorCode ?? 'denied'}</span>${step === null ? null : html`: ${step}`}</span>`;
}

function hintList(hints: readonly string[]): Html | null {
  return hints.length === 0 ? null : html`<ul class="hints">${hints.map((hint) => html`<li><strong>hint:</strong> ${hint}</li>`)}</ul>`;
}

/** One group of identical decisions as a row: the latest one's summary and trace, and how many there were. */
export function decisionRow(group: DecisionGroup, hintsOf: HintsOf): Html {
  const { latest: event, count } = group;
  const denied = event.outcome === 'denied';
  const subject = who(event);
  return html`<li class="decision ${event.outcome}" id="decision-${event.id}" data-id="${event.id}" data-group="${group.key}" data-count="${count}" data-outcome="${event.outcome}">
<details>
<summary><span class="verdict">${denied ? 'DENIED' : 'ALLOWED'}</span>
<span class="action">${event.action}</span>
${subject === null ? null : html`<span class="who">${subject}</span>`}${event.role === null ? null : html` <span class="arrow">→</span> <span class="role" title="${event.role}">${shortArn(event.role)}</span>`}
${event.cluster === null ? null : html`<span class="cluster">${event.cluster}</span>`}
<span class="repeat" title="identical decisions; the latest is shown"${count === 1 ? html` hidden` : null}>×${count}</span>
<time datetime="${event.time.toISOString()}">${clock(event.time)}</time>
${denied ? reasonLine(event) : null}</summary>
${event.errorMessage === null ? null : html`<p class="message">${event.errorMessage}</p>`}
<ol class="trace">${event.trace.map(traceLine)}</ol>
${denied ? hintList(hintsOf(event)) : null}
${details(event)}
</details>
</li>
`;
}

/** `events` (oldest first, as the log lists them) as rows, newest first, identical ones grouped. */
export function decisionRows(events: readonly DecisionEvent[], hintsOf: HintsOf): Html {
  return html`${groupDecisions(events).map((group) => decisionRow(group, hintsOf))}`;
}
