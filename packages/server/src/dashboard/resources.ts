import { shortArn } from './decisions.js';
import { html } from './html.js';
import type { Html, HtmlValue } from './html.js';
import type { DashboardState } from './state.js';

/**
 * The resource sections (clusters, service accounts, roles, associations, providers). The page
 * embeds them and GET /_eksid/dashboard/state answers them alone, which the page script polls.
 */

function section(id: string, title: string, count: number, body: HtmlValue, empty: string): Html {
  return html`<section id="${id}" class="resource">
<h2>${title} <span class="count">${count}</span></h2>
${count === 0 ? html`<p class="empty">${empty}</p>` : body}
</section>
`;
}

function table(headings: readonly string[], rows: readonly HtmlValue[][]): Html {
  return html`<table><thead><tr>${headings.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows.map((cells) => html`<tr>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>\n`)}</tbody></table>`;
}

const code = (text: string): Html => html`<code>${text}</code>`;
const none = html`<span class="none">—</span>`;

function clusters(state: DashboardState): Html {
  const rows = state.clusters.map((c) => [html`<strong>${c.name}</strong>`, c.version ?? none, code(c.arn), html`<a href="${c.issuer}/.well-known/openid-configuration">${c.issuer}</a>`]);
  return section('clusters', 'Clusters', rows.length, table(['name', 'version', 'ARN', 'issuer URL'], rows), 'No clusters yet: aws eks create-cluster or eksid apply.');
}

function serviceAccounts(state: DashboardState): Html {
  const rows = state.serviceAccounts.map((sa) => [sa.cluster, html`<strong>${sa.namespace}/${sa.name}</strong>`, sa.roleArn === null ? none : code(sa.roleArn)]);
  return section('service-accounts', 'Service accounts', rows.length, table(['cluster', 'namespace/name', 'eks.amazonaws.com/role-arn'], rows), 'No service accounts yet.');
}

function roles(state: DashboardState): Html {
  const cards = state.roles.map(
    (r) => html`<article class="role-card" id="role-${r.name}">
<h3>${r.name}</h3>
<p><code>${r.arn}</code></p>
${r.description === null ? null : html`<p class="description">${r.description}</p>`}
<pre class="policy" aria-label="trust policy of ${r.name}">${r.trustPolicy}</pre>
</article>
`,
  );
  return section('roles', 'Roles and trust policies', cards.length, html`<div class="roles">${cards}</div>`, 'No roles yet: aws iam create-role.');
}

function associations(state: DashboardState): Html {
  const rows = state.associations.map((a) => [
    a.clusterName,
    html`<strong>${a.namespace}/${a.serviceAccount}</strong>`,
    html`<span class="arrow">→</span> ${code(shortArn(a.roleArn))}`,
    a.targetRoleArn === null ? none : code(shortArn(a.targetRoleArn)),
    code(a.associationId),
  ]);
  return section('associations', 'Pod Identity associations', rows.length, table(['cluster', 'namespace/service account', 'role', 'target role', 'id'], rows), 'No Pod Identity associations yet.');
}

function oidcProviders(state: DashboardState): Html {
  const rows = state.oidcProviders.map((p) => [code(p.url), p.clientIds.join(', '), code(p.arn)]);
  return section('oidc-providers', 'IAM OIDC providers', rows.length, table(['issuer', 'client ids (audiences)', 'ARN'], rows), 'No OIDC providers yet: IRSA needs one per cluster issuer.');
}

export function resourceSections(state: DashboardState): Html {
  return html`${clusters(state)}${serviceAccounts(state)}${roles(state)}${associations(state)}${oidcProviders(state)}`;
}
