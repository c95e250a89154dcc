import { readFileSync } from 'node:fs';
import { applyDocument, issuerUrl, newRoleId, parseApplyDocument, systemRandom } from '@eksid/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestServer } from '../test-server.js';
import type { TestServer } from '../test-server.js';
import { allowedDecision, deniedDecision } from './test-support.js';

// The dashboard over HTTP, as a browser gets it, with examples/demo.yaml applied.
const DEMO = readFileSync(new URL('../../../../examples/demo.yaml', import.meta.url), 'utf8');
const ACCOUNT = '000000000000';
const XSS = '<script>alert(1)</script>';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await applyDocument(server.ctx, parseApplyDocument(parse(DEMO)));
});
afterAll(async () => server.close());

/** The text a browser shows for markup-free HTML: entities decoded. */
const text = (body: string) => body.replace(/&(quot|#39|lt|gt|amp);/g, (_m, e: string) => ({ quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' })[e] as string);

async function get(path: string): Promise<{ res: Response; body: string }> {
  const res = await fetch(`${server.url}${path}`);
  return { res, body: await res.text() };
}

/** Records decisions as the STS routes do and waits until they are stored; returns their ids. */
function record(...inputs: Parameters<typeof server.ctx.decisions.record>[0][]): number[] {
  const before = server.ctx.decisions.latestId();
  for (const input of inputs) server.ctx.decisions.record(input);
  server.ctx.decisions.flush();
  return inputs.map((_input, i) => before + i + 1);
}

describe('GET /', () => {
  it('should answer the dashboard as HTML that runs only its own script', async () => {
    const { res, body } = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body).toMatch(/^<!doctype html>/);
    expect(body).toContain('<script type="module" src="/_eksid/dashboard/app.js"></script>');
    expect(body).toContain('<link rel="stylesheet" href="/_eksid/dashboard/style.css">');
  });

  it('should show the demo cluster with its ARN and issuer URL', async () => {
    const cluster = server.ctx.store.clusters.get(ACCOUNT, 'demo');
    const { body } = await get('/');
    expect(body).toContain('<section id="clusters" class="resource">');
    expect(body).toContain(`<code>${cluster?.arn}</code>`);
    expect(body).toContain(`>${issuerUrl(server.ctx.config, cluster?.oidcId ?? '')}</a>`);
  });

  it('should show service accounts with their role annotation', async () => {
    const { body } = await get('/');
    expect(body).toMatch(/<td>demo<\/td><td><strong>default\/app<\/strong><\/td><td><code>arn:aws:iam::000000000000:role\/demo-app<\/code><\/td>/);
  });

  it('should show each role with its trust policy pretty-printed', async () => {
    const role = server.ctx.store.roles.get(ACCOUNT, 'demo-app');
    const { body } = await get('/');
    expect(body).toContain('<h3>demo-app</h3>');
    expect(body).toContain('<h3>demo-pod-identity</h3>');
    expect(text(body)).toContain(JSON.stringify(JSON.parse(role?.assumeRolePolicy ?? ''), null, 2));
    expect(text(body)).toContain('\n  "Version": "2012-10-17",\n  "Statement": [\n');
  });

  it('should show Pod Identity associations and OIDC providers', async () => {
    const { body } = await get('/');
    expect(body).toMatch(/<td><strong>default\/pod-app<\/strong><\/td><td><span class="arrow">→<\/span> <code>role\/demo-pod-identity<\/code><\/td>/);
    expect(body).toMatch(/<section id="oidc-providers"[\s\S]*<td>sts\.amazonaws\.com<\/td>/);
  });

  it('should list decisions newest first, denied ones marked with their error code, and give the stream cursor', async () => {
    const [allowedId, deniedId] = record(allowedDecision(), deniedDecision());
    const { body } = await get('/');
    const list = body.slice(body.indexOf('<ol id="decision-list"'));
    expect(list.indexOf(`data-id="${deniedId}"`)).toBeLessThan(list.indexOf(`data-id="${allowedId}"`));
    expect(body).toContain(`<li class="decision denied" id="decision-${deniedId}"`);
    expect(body).toContain('<span class="verdict">DENIED</span>');
    expect(body).toContain('<span class="code">AccessDenied</span>: aud &quot;sts&quot; not in client ids [&quot;sts.amazonaws.com&quot;]</span></summary>');
    expect(body).toContain('<li class="failed"><span class="mark" aria-label="failed">✗</span> aud &quot;sts&quot; not in client ids');
    expect(body).toContain(`<main data-latest-id="${deniedId}" data-max-rows="200" data-stream="/_eksid/dashboard/stream" data-fragments="/_eksid/dashboard">`);
  });

  it('should render a role name, trust policy and decision fields containing markup inert', async () => {
    const { clock } = server;
    server.ctx.store.roles.put({
      accountId: ACCOUNT, name: XSS, roleId: newRoleId(systemRandom, ACCOUNT), path: '/', arn: `arn:aws:iam::${ACCOUNT}:role/${XSS}`,
      assumeRolePolicy: JSON.stringify({ Statement: [{ Sid: '<img src=x onerror=alert(2)>' }] }), description: `"><${XSS}`,
      maxSessionDuration: 3600, permissionsBoundary: null, tags: [], createdAt: clock.now(),
    });
    record(deniedDecision({ role: `" onmouseover="alert(3)`, errorMessage: XSS, trace: [{ ok: false, text: XSS }], detail: { [XSS]: XSS } }));
    const { body } = await get('/');
    // The only script element is the page's own; every injected one arrives as text.
    expect(body.match(/<script/g)).toHaveLength(1);
    expect(body).not.toContain('<img');
    expect(body).not.toContain('" onmouseover=');
    expect(body).toContain('<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>');
    expect(body).toContain('<span class="mark" aria-label="failed">✗</span> &lt;script&gt;alert(1)&lt;/script&gt;</li>');
    expect(body).toContain('<span class="reason" title="&lt;script&gt;alert(1)&lt;/script&gt;"><span class="code">AccessDenied</span>: &lt;script&gt;alert(1)&lt;/script&gt;</span>');
    server.ctx.store.roles.delete(ACCOUNT, XSS);
  });

  it('should show a trust policy that is not JSON as stored instead of failing the page', async () => {
    const { clock } = server;
    server.ctx.store.roles.put({
      accountId: ACCOUNT, name: 'odd', roleId: newRoleId(systemRandom, ACCOUNT), path: '/', arn: `arn:aws:iam::${ACCOUNT}:role/odd`,
      assumeRolePolicy: '{not json', description: null, maxSessionDuration: 3600, permissionsBoundary: null, tags: [], createdAt: clock.now(),
    });
    const { res, body } = await get('/');
    server.ctx.store.roles.delete(ACCOUNT, 'odd');
    expect(res.status).toBe(200);
    expect(body).toContain('<pre class="policy" aria-label="trust policy of odd">{not json</pre>');
  });

  it('should answer HEAD / like GET / without a body', async () => {
    const res = await fetch(`${server.url}/`, { method: 'HEAD' });
    expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([200, 'text/html; charset=utf-8', '']);
  });

  it('should leave GET /?Action=GetCallerIdentity to STS awsQuery', async () => {
    const { res, body } = await get('/?Action=GetCallerIdentity&Version=2011-06-15');
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(body).toContain('xmlns="https://sts.amazonaws.com/doc/2011-06-15/"');
    expect(body).not.toContain('<html');
  });
});

describe('GET /_eksid/dashboard/decisions', () => {
  it('should answer only the rows after the cursor, newest first, in the page markup', async () => {
    const [first, second, third] = record(allowedDecision(), deniedDecision(), allowedDecision());
    const { res, body } = await get(`/_eksid/dashboard/decisions?after=${first}`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect([...body.matchAll(/<li class="decision (\w+)" id="decision-(\d+)"/g)].map((m) => [m[1], Number(m[2])])).toEqual([
      ['allowed', third],
      ['denied', second],
    ]);
  });

  it('should fold identical decisions into one row with their count, and list a denied one\'s hints', async () => {
    // A condition on a cluster this server does not have: its hint says so.
    const lost = () => deniedDecision({ cluster: 'lost' });
    const [first, , , last] = record(allowedDecision(), lost(), lost(), lost());
    const { body } = await get(`/_eksid/dashboard/decisions?after=${first}`);
    expect([...body.matchAll(/data-id="(\d+)" data-group="[\w-]+" data-count="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual([[last, 3]]);
    expect(body).toContain('>×3</span>');
    expect(text(body)).toContain('<strong>hint:</strong> there is no cluster "lost" in account 000000000000 (it has demo)');
  });

  it('should answer nothing when no decision is newer', async () => {
    const { body } = await get(`/_eksid/dashboard/decisions?after=${server.ctx.decisions.latestId()}`);
    expect(body).toBe('');
  });

  it.each(['after=-1', 'after=abc', 'after=1.5', 'after=', 'after=1&after=2'])('should refuse %s with the events API 400', async (query) => {
    const { res, body } = await get(`/_eksid/dashboard/decisions?${query}`);
    expect([res.status, res.headers.get('x-amzn-errortype')]).toEqual([400, 'InvalidParameterException']);
    expect(JSON.parse(body)).toEqual({ message: expect.stringMatching(/^after must be /) });
  });
});

describe('GET /_eksid/dashboard/state', () => {
  it('should answer the resource sections alone, as the page embeds them', async () => {
    const [{ body: page }, { res, body }] = await Promise.all([get('/'), get('/_eksid/dashboard/state')]);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(body).toMatch(/^<section id="clusters" class="resource">/);
    expect(page).toContain(`<div id="resources">${body}</div>`);
  });
});

describe('GET /_eksid/dashboard/<asset>', () => {
  it.each([
    ['app.js', 'text/javascript; charset=utf-8', 'new EventSource('],
    ['style.css', 'text/css; charset=utf-8', '.decision.denied'],
  ])('should serve %s as %s', async (name, type, snippet) => {
    const { res, body } = await get(`/_eksid/dashboard/${name}`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, type]);
    expect(body).toContain(snippet);
  });

  it.each(['constructor', 'index.ts', '..%2Fapp.ts'])('should answer %s with 404', async (name) => {
    expect((await get(`/_eksid/dashboard/${name}`)).res.status).toBe(404);
  });
});
