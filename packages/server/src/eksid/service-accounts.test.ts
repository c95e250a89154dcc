import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callJson, startEksServer } from '../eks/test-support.js';
import type { EksTestServer } from '../eks/test-support.js';

let server: EksTestServer;
beforeEach(async () => {
  server = await startEksServer();
  await callJson(server, 'POST', '/_eksid/apply', {
    clusters: [{ name: 'demo', serviceAccounts: [{ namespace: 'default', name: 'app', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::000000000000:role/demo-app' } }] }],
  });
});
afterEach(() => server.close());

const path = (cluster: string, namespace: string, name: string) => `/_eksid/clusters/${cluster}/service-accounts/${namespace}/${name}`;

describe('GET /_eksid/clusters/:cluster/service-accounts/:namespace/:name', () => {
  it('should answer a declared service account with its annotations and uid', async () => {
    const reply = await callJson(server, 'GET', path('demo', 'default', 'app'));
    expect(reply).toMatchObject({
      status: 200,
      body: { namespace: 'default', name: 'app', uid: expect.stringMatching(/^[0-9a-f-]{36}$/), annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::000000000000:role/demo-app' } },
    });
  });

  it('should answer an undeclared service account with no annotations and the uid its tokens carry', async () => {
    const first = await callJson(server, 'GET', path('demo', 'jobs', 'worker'));
    expect(first).toMatchObject({ status: 200, body: { namespace: 'jobs', name: 'worker', annotations: {} } });
    const token = await callJson(server, 'POST', '/_eksid/token', { cluster: 'demo', namespace: 'jobs', serviceAccount: 'worker' });
    const claims = JSON.parse(Buffer.from(String(token.body['token']).split('.')[1] ?? '', 'base64url').toString()) as { 'kubernetes.io': { serviceaccount: { uid: string } } };
    expect(claims['kubernetes.io'].serviceaccount.uid).toBe(first.body['uid']);
    expect((await callJson(server, 'GET', path('demo', 'jobs', 'worker'))).body['uid']).toBe(first.body['uid']);
  });

  it('should answer an unknown cluster with 404 ResourceNotFoundException', async () => {
    const reply = await callJson(server, 'GET', path('nope', 'default', 'app'));
    expect(reply).toMatchObject({ status: 404, body: { message: 'No cluster found for name: nope.' } });
    expect(reply.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });

  it('should refuse a name Kubernetes could not hold with 400', async () => {
    const reply = await callJson(server, 'GET', path('demo', 'Default', 'app'));
    expect(reply).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^'Default' is not a valid namespace/) } });
  });
});
