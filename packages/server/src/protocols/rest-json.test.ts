import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_HEADERS, startTestServer } from '../test-server.js';
import type { TestServer } from '../test-server.js';

// JSON request bodies are bounded in depth before anything walks them: ~10,000 levels used to
// overflow the stack of the validation behind CreateCluster's tags (a 500).
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const nested = (depth: number) => `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
const postJson = (path: string, body: string) => fetch(`${server.url}${path}`, { method: 'POST', headers: { ...ADMIN_HEADERS, 'content-type': 'application/json' }, body });
const TOO_DEEP = 'The request body nests objects and arrays deeper than 500 levels';

describe('parseJsonBody', () => {
  it.each([
    ['CreateCluster tags', '/clusters', `{"name":"deep","roleArn":"arn:aws:iam::000000000000:role/eks","resourcesVpcConfig":{},"tags":${nested(10_000)}}`, 'SerializationException'],
    ['a Pod Identity association', '/clusters/demo/pod-identity-associations', `{"namespace":"default","serviceAccount":"app","roleArn":${nested(10_000)}}`, 'SerializationException'],
    ['an ingested event detail', '/_eksid/events', `{"events":[{"source":"agent","detail":${nested(10_000)}}]}`, 'SerializationException'],
    ['an EKS Auth body', '/clusters/demo/assume-role-for-pod-identity', `{"token":${nested(10_000)}}`, 'InvalidRequestException'],
  ])('should refuse %s nested 10,000 levels deep with 400 in the rest-json shape', async (_case, path, body, code) => {
    const res = await postJson(path, body);
    expect([res.status, res.headers.get('x-amzn-errortype'), await res.json()]).toEqual([400, code, { message: TOO_DEEP }]);
  });

  it('should read a body nested exactly 500 levels deep', async () => {
    const res = await postJson('/clusters', `{"name":"deep","roleArn":"arn:aws:iam::000000000000:role/eks","resourcesVpcConfig":{},"tags":${nested(499)}}`);
    expect([res.status, res.headers.get('x-amzn-errortype')]).toEqual([400, 'InvalidParameterException']);
  });
});
