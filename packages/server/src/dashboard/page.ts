import type { DecisionEvent } from '@eksid/core';
import type { ServerContext } from '../context.js';
import { FRAGMENT_ROWS, INITIAL_ROWS, decisionRows } from './decisions.js';
import { html } from './html.js';
import type { Html } from './html.js';
import { hintsOf } from './hints.js';
import { resourceSections } from './resources.js';
import { readDashboardState } from './state.js';

/** Where the page's own files and fragments live, under eksid's reserved prefix. */
export const DASHBOARD_PATH = '/_eksid/dashboard';
/** The decision stream of eksid/events-stream.ts, served to the page without the admin token (index.ts). */
const EVENTS_STREAM_PATH = `${DASHBOARD_PATH}/stream`;

const count = (events: readonly DecisionEvent[], outcome: DecisionEvent['outcome']) => events.filter((e) => e.outcome === outcome).length;

/**
 * The whole dashboard as one document, complete without script: the page script only keeps
 * it current (live decisions over SSE, resource sections every few seconds). `data-latest-id`
 * is the stream cursor (the newest decision id this render includes); `data-max-rows` how many
 * rows the list keeps, as many as one fragment may carry.
 */
export function dashboardPage(ctx: ServerContext): Html {
  const latestId = ctx.decisions.latestId();
  const events = ctx.decisions.list({ limit: INITIAL_ROWS });
  const state = readDashboardState(ctx);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>eksid dashboard</title>
<link rel="stylesheet" href="${DASHBOARD_PATH}/style.css">
<script type="module" src="${DASHBOARD_PATH}/app.js"></script>
</head>
<body>
<header>
<h1>eksid <span class="subtitle">EKS workload identity · account ${state.accountId} · ${ctx.config.region}</span></h1>
<div class="status">
<span class="counter allowed" title="allowed decisions on this page"><span class="mark">✓</span> <span id="allowed-count">${count(events, 'allowed')}</span> allowed</span>
<span class="counter denied" title="denied decisions on this page"><span class="mark">✗</span> <span id="denied-count">${count(events, 'denied')}</span> denied</span>
<span id="connection" class="connection offline">not live</span>
</div>
<nav><a href="#decisions">Decisions</a> <a href="#clusters">Clusters</a> <a href="#service-accounts">Service accounts</a> <a href="#roles">Roles</a> <a href="#associations">Pod Identity</a> <a href="#oidc-providers">OIDC providers</a></nav>
</header>
<main data-latest-id="${latestId}" data-max-rows="${FRAGMENT_ROWS}" data-stream="${EVENTS_STREAM_PATH}" data-fragments="${DASHBOARD_PATH}">
<section id="decisions">
<h2>Live decisions <span class="hint">newest first · identical ones counted (×N) · click a row for its trace</span></h2>
<p class="empty" id="no-decisions"${events.length === 0 ? null : html` hidden`}>No credential decisions yet: assume a role and it shows up here.</p>
<ol id="decision-list" class="decisions">${decisionRows(events, hintsOf(ctx))}</ol>
</section>
<div id="resources">${resourceSections(state)}</div>
</main>
</body>
</html>
`;
}
