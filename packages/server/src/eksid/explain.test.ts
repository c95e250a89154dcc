import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callJson, startEksServer } from '../eks/test-support.js';
import type { EksTestServer } from '../eks/test-support.js';

let server: EksTestServer;
beforeEach(async () => {
  server = await startEksServer();
  const demo = parse(readFileSync(new URL('../../../../examples/demo.yaml', import.meta.url), 'utf8')) as unknown;
  expect((await callJson(server, 'POST', '/_eksid/apply', demo)).status).toBe(200);
});
afterEach(() => server.close());

interface Explained {
  outcome: string;
  action: string;
  errorCode: string | null;
  role: string | null;
  trace: { ok: boolean | null; text: string }[];
}

async function explain(body: unknown): Promise<Explained> {
  const reply = await callJson(server, 'POST', '/_eksid/explain', body);
  expect(reply.status).toBe(200);
  return reply.body['explanation'] as Explained;
}

describe('POST /_eksid/explain', () => {
  it("explains the demo's IRSA service account from its role annotation", async () => {
    const out = await explain({ cluster: 'demo', namespace: 'default', serviceAccount: 'app' });
    expect(out).toMatchObject({ outcome: 'allowed', action: 'AssumeRoleWithWebIdentity', errorCode: null, role: 'arn:aws:iam::000000000000:role/demo-app' });
  });

  it('explains a refusal of another service account, naming the failed condition, and records nothing', async () => {
    const out = await explain({ role: 'demo-app', cluster: 'demo', namespace: 'default', serviceAccount: 'other' });
    expect(out.outcome).toBe('denied');
    expect(out.errorCode).toBe('AccessDenied');
    expect(out.trace.filter((l) => l.ok === false).map((l) => l.text).join('\n')).toContain('"system:serviceaccount:default:other" not in ["system:serviceaccount:default:app"]');
    expect(server.ctx.decisions.list()).toEqual([]);
  });

  it('explains the Pod Identity association of default/pod-app', async () => {
    const out = await explain({ cluster: 'demo', namespace: 'default', serviceAccount: 'pod-app' });
    expect(out).toMatchObject({ outcome: 'allowed', action: 'AssumeRoleForPodIdentity', role: 'arn:aws:iam::000000000000:role/demo-pod-identity' });
  });

  it('answers the hints of a denied decision, and an empty list for an allowed one', async () => {
    const issuer = server.ctx.store.oidcProviders.list('000000000000')[0]?.url as string;
    const wildcard = {
      name: 'wildcard',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::000000000000:oidc-provider/${issuer}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${issuer}:sub`]: 'system:serviceaccount:default:*' } } }],
      },
    };
    expect((await callJson(server, 'POST', '/_eksid/apply', { roles: [wildcard] })).status).toBe(200);
    const denied = await callJson(server, 'POST', '/_eksid/explain', { role: 'wildcard', cluster: 'demo', namespace: 'default', serviceAccount: 'app' });
    expect(denied.body['explanation']).toMatchObject({ outcome: 'denied', hints: ['StringEquals compares literally; "system:serviceaccount:default:*" needs StringLike'] });
    const allowed = await callJson(server, 'POST', '/_eksid/explain', { cluster: 'demo', namespace: 'default', serviceAccount: 'app' });
    expect(allowed.body['explanation']).toMatchObject({ outcome: 'allowed', hints: [] });
  });

  it.each([
    ['a body that is not an object', [1]],
    ['a non-string role', { role: 7, token: 'a.b.c' }],
    ['nothing to judge', {}],
  ])('answers %s with 400 InvalidParameterException', async (_name, body) => {
    const reply = await callJson(server, 'POST', '/_eksid/explain', body);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('x-amzn-errortype')).toBe('InvalidParameterException');
  });
});
