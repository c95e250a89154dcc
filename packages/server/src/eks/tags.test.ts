import { newRoleId, roleArn, systemRandom } from '@eksid/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callJson, clusterBody, startEksServer } from './test-support.js';
import type { EksTestServer, JsonReply } from './test-support.js';

const ACCOUNT = '000000000000';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/pod-role`;
const CLUSTER_ARN = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/demo`;

let server: EksTestServer;
beforeEach(async () => {
  server = await startEksServer();
  await callJson(server, 'POST', '/clusters', clusterBody('demo', { tags: { team: 'a' } }));
  server.ctx.store.roles.put({
    accountId: ACCOUNT, name: 'pod-role', roleId: newRoleId(systemRandom, ACCOUNT), path: '/', arn: roleArn('aws', ACCOUNT, '/', 'pod-role'),
    assumeRolePolicy: '{}', description: null, maxSessionDuration: 3600, permissionsBoundary: null, tags: [], createdAt: new Date(),
  });
});
afterEach(() => server.close());

/** The path as the SDKs send it: the whole ARN one percent-encoded label. */
const tagsPath = (arn: string, query = '') => `/tags/${encodeURIComponent(arn)}${query}`;

function expectError(reply: JsonReply, status: number, code: string, message: string): void {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('x-amzn-errortype')).toBe(code);
  expect(reply.body).toEqual({ message });
}

describe('EKS tagging routes', () => {
  it('should tag, list and untag a cluster, with DescribeCluster showing the same tags', async () => {
    const tagged = await callJson(server, 'POST', tagsPath(CLUSTER_ARN), { tags: { env: 'dev', team: 'b' } });
    expect([tagged.status, tagged.body]).toEqual([200, {}]);
    expect((await callJson(server, 'GET', tagsPath(CLUSTER_ARN))).body).toEqual({ tags: { team: 'b', env: 'dev' } });
    const untagged = await callJson(server, 'DELETE', tagsPath(CLUSTER_ARN, '?tagKeys=team&tagKeys=absent'));
    expect([untagged.status, untagged.body]).toEqual([200, {}]);
    const cluster = (await callJson(server, 'GET', '/clusters/demo')).body['cluster'] as Record<string, unknown>;
    expect(cluster['tags']).toEqual({ env: 'dev' });
  });

  it('should tag a Pod Identity association, with DescribePodIdentityAssociation showing the tags', async () => {
    const created = await callJson(server, 'POST', '/clusters/demo/pod-identity-associations', { namespace: 'default', serviceAccount: 'app', roleArn: ROLE, tags: { team: 'a' } });
    const { associationArn, associationId } = created.body['association'] as { associationArn: string; associationId: string };
    await callJson(server, 'POST', tagsPath(associationArn), { tags: { env: 'dev' } });
    await callJson(server, 'DELETE', tagsPath(associationArn, '?tagKeys=team'));
    const described = (await callJson(server, 'GET', `/clusters/demo/pod-identity-associations/${associationId}`)).body['association'] as Record<string, unknown>;
    expect(described['tags']).toEqual({ env: 'dev' });
    expect((await callJson(server, 'GET', tagsPath(associationArn))).body).toEqual({ tags: { env: 'dev' } });
  });

  it('should take an ARN whose slashes a client left unencoded', async () => {
    expect((await callJson(server, 'GET', `/tags/${CLUSTER_ARN}`)).body).toEqual({ tags: { team: 'a' } });
  });

  it.each([
    ['GET', tagsPath(`arn:aws:eks:us-east-1:${ACCOUNT}:cluster/ghost`), undefined],
    ['POST', tagsPath(`arn:aws:eks:us-east-1:${ACCOUNT}:cluster/ghost`), { tags: { a: 'b' } }],
    ['DELETE', tagsPath(`arn:aws:eks:us-east-1:${ACCOUNT}:cluster/ghost`, '?tagKeys=a'), undefined],
    ['GET', tagsPath('arn:aws:eks:us-east-1:111122223333:cluster/demo'), undefined],
  ])('should answer %s %s for a resource eksid does not have with NotFoundException 404', async (method, path, body) => {
    expectError(await callJson(server, method, path, body), 404, 'NotFoundException', 'Resource was not found');
  });

  it.each([
    ['POST', tagsPath(CLUSTER_ARN), { tags: { 'aws:owner': 'me' } }, 'BadRequestException', "Tag keys starting with 'aws:' are reserved for internal use"],
    ['GET', tagsPath('not-an-arn'), undefined, 'BadRequestException', 'Invalid ARN: not-an-arn'],
    ['POST', tagsPath(CLUSTER_ARN), {}, 'InvalidParameterException', "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null"],
    ['DELETE', tagsPath(CLUSTER_ARN), undefined, 'InvalidParameterException', "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null"],
    ['POST', tagsPath(CLUSTER_ARN), { tags: { ['k'.repeat(129)]: 'v' } }, 'InvalidParameterException',
      `1 validation error detected: Value '{${'k'.repeat(129)}=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]`],
    ['DELETE', `${tagsPath(CLUSTER_ARN)}?tagKeys=a&tagKeys=${'k'.repeat(129)}`, undefined, 'InvalidParameterException',
      `1 validation error detected: Value '[a, ${'k'.repeat(129)}]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]`],
  ])('should answer %s %s %j with 400 %s', async (method, path, body, code, message) => {
    expectError(await callJson(server, method, path, body), 400, code, message);
  });
});
