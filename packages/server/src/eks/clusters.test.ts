import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callJson, clusterBody, startEksServer } from './test-support.js';
import type { EksTestServer } from './test-support.js';

let server: EksTestServer;
beforeEach(async () => {
  server = await startEksServer();
});
afterEach(() => server.close());

const ROLE = 'arn:aws:iam::000000000000:role/eks-cluster';

describe('EKS cluster routes', () => {
  it('should create a cluster and describe it in the EKS Cluster shape', async () => {
    const created = await callJson(server, 'POST', '/clusters', { name: 'demo', roleArn: ROLE, resourcesVpcConfig: { subnetIds: ['subnet-1'] }, tags: { a: 'b' } });
    expect(created.status).toBe(200);
    const described = await callJson(server, 'GET', '/clusters/demo');
    expect(described.status).toBe(200);
    expect(described.headers.get('content-type')).toMatch(/^application\/json/);
    expect(described.body).toEqual(created.body);
    const cluster = described.body['cluster'] as Record<string, unknown>;
    expect(Object.keys(cluster)).toEqual([
      'name', 'arn', 'createdAt', 'version', 'endpoint', 'roleArn', 'resourcesVpcConfig', 'kubernetesNetworkConfig', 'logging',
      'identity', 'status', 'certificateAuthority', 'platformVersion', 'tags', 'health', 'accessConfig', 'upgradePolicy',
    ]);
    expect(cluster).toMatchObject({
      name: 'demo',
      arn: 'arn:aws:eks:us-east-1:000000000000:cluster/demo',
      createdAt: Date.parse('2026-03-01T12:00:00Z') / 1000,
      version: '1.31',
      roleArn: ROLE,
      status: 'ACTIVE',
      tags: { a: 'b' },
      resourcesVpcConfig: expect.objectContaining({ subnetIds: ['subnet-1'] }),
    });
    expect((cluster['identity'] as { oidc: { issuer: string } }).oidc.issuer).toMatch(new RegExp(`^${server.url}/id/[0-9A-F]{32}$`));
  });

  it('should answer a second create with ResourceInUseException 409', async () => {
    await callJson(server, 'POST', '/clusters', clusterBody('demo'));
    const again = await callJson(server, 'POST', '/clusters', clusterBody('demo'));
    expect(again.status).toBe(409);
    expect(again.headers.get('x-amzn-errortype')).toBe('ResourceInUseException');
    expect(again.body).toEqual({ message: 'Cluster already exists with name: demo' });
  });

  it.each([
    ['GET', '/clusters/nope'],
    ['DELETE', '/clusters/nope'],
  ])('should answer %s %s with ResourceNotFoundException 404', async (method, path) => {
    const reply = await callJson(server, method, path);
    expect(reply.status).toBe(404);
    expect(reply.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(reply.body).toEqual({ message: 'No cluster found for name: nope.' });
  });

  it.each([
    ['{"name": ', 'SerializationException', 'The request body is not valid JSON'],
    ['[]', 'InvalidParameterException', 'The request body must be a JSON object'],
    [JSON.stringify(clusterBody('bad name')), 'InvalidParameterException', "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9A-Za-z][A-Za-z0-9\\-_]*"],
    ['{"name":"demo","roleArn":"arn:aws:iam::000000000000:role/eks"}', 'InvalidParameterException', "1 validation error detected: Value null at 'resourcesVpcConfig' failed to satisfy constraint: Member must not be null"],
    [JSON.stringify(clusterBody('demo', { tags: { 'aws:team': 'a' } })), 'InvalidParameterException', "Tag keys starting with 'aws:' are reserved for internal use"],
  ])('should answer the bad body %s with 400 %s', async (body, code, message) => {
    const reply = await callJson(server, 'POST', '/clusters', body);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('x-amzn-errortype')).toBe(code);
    expect(reply.body).toEqual({ message });
  });

  it('should list clusters a page at a time', async () => {
    for (const name of ['c', 'a', 'b']) await callJson(server, 'POST', '/clusters', clusterBody(name));
    const first = await callJson(server, 'GET', '/clusters?maxResults=2');
    expect(first.body['clusters']).toEqual(['a', 'b']);
    const second = await callJson(server, 'GET', `/clusters?maxResults=2&nextToken=${String(first.body['nextToken'])}`);
    expect(second.body).toEqual({ clusters: ['c'] });
    expect((await callJson(server, 'GET', '/clusters?maxResults=0')).status).toBe(400);
  });

  it('should delete a cluster, answering with it DELETING', async () => {
    await callJson(server, 'POST', '/clusters', clusterBody('demo'));
    const deleted = await callJson(server, 'DELETE', '/clusters/demo');
    expect((deleted.body['cluster'] as Record<string, unknown>)['status']).toBe('DELETING');
    expect((await callJson(server, 'GET', '/clusters')).body).toEqual({ clusters: [] });
  });

  it('should let paths it does not serve fall through', async () => {
    expect((await callJson(server, 'GET', '/clusters/demo/nodegroups')).status).toBe(418);
    expect((await callJson(server, 'POST', '/clusters/demo/assume-role-for-pod-identity', {})).status).toBe(418);
  });
});
