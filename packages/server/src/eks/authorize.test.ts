import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../test-server.js';
import type { TestServer } from '../test-server.js';

/** A well-formed signature by a key eksid never issued: lenient mode takes it as the root without checking it. */
const SIGNED_BY_UNKNOWN_KEY = {
  'x-amz-date': '20260301T120000Z',
  authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/eks/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
};

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

async function listClusters(headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/clusters`, { headers });
  return { status: res.status, type: res.headers.get('x-amzn-errortype'), body: (await res.json()) as unknown };
}

describe('EKS under --enforce-iam', () => {
  it('refuses unsigned calls as rest-json APIs do, and records the refusal', async () => {
    server.ctx.enforceIam = true;
    expect(await listClusters()).toEqual({ status: 403, type: 'MissingAuthenticationTokenException', body: { message: 'Missing Authentication Token' } });
    expect(server.ctx.decisions.list({})).toMatchObject([{ source: 'eks', action: 'ListClusters', outcome: 'denied', errorCode: 'MissingAuthenticationTokenException' }]);
  });

  it('lets long-term keys eksid did not issue act as the account root', async () => {
    server.ctx.enforceIam = true;
    expect(await listClusters(SIGNED_BY_UNKNOWN_KEY)).toEqual({ status: 200, type: null, body: { clusters: [] } });
  });

  it('changes nothing without the flag', async () => {
    expect(await listClusters()).toEqual({ status: 200, type: null, body: { clusters: [] } });
  });
});
