import { newRoleId, roleArn, systemRandom } from '@eksid/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callJson, clusterBody, startEksServer } from './test-support.js';
import type { EksTestServer } from './test-support.js';

const ACCOUNT = '000000000000';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/pod-role`;
const BASE = '/clusters/demo/pod-identity-associations';

let server: EksTestServer;
beforeEach(async () => {
  server = await startEksServer();
  await callJson(server, 'POST', '/clusters', clusterBody('demo'));
  server.ctx.store.roles.put({
    accountId: ACCOUNT, name: 'pod-role', roleId: newRoleId(systemRandom, ACCOUNT), path: '/', arn: roleArn('aws', ACCOUNT, '/', 'pod-role'),
    assumeRolePolicy: '{}', description: null, maxSessionDuration: 3600, permissionsBoundary: null, tags: [], createdAt: new Date(),
  });
});
afterEach(() => server.close());

const create = (body: Record<string, unknown> = {}) => callJson(server, 'POST', BASE, { namespace: 'default', serviceAccount: 'app', roleArn: ROLE, ...body });

function expectError(reply: { status: number; headers: Headers; body: Record<string, unknown> }, status: number, code: string, message: string): void {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('x-amzn-errortype')).toBe(code);
  expect(reply.body).toEqual({ message });
}

describe('EKS Pod Identity association routes', () => {
  it('should create, describe, list, update and delete an association', async () => {
    const created = await create({ tags: { team: 'a' } });
    expect(created.status).toBe(200);
    const association = created.body['association'] as Record<string, unknown>;
    const id = String(association['associationId']);
    expect(Object.keys(association)).toEqual([
      'clusterName', 'namespace', 'serviceAccount', 'roleArn', 'associationArn', 'associationId', 'tags', 'createdAt', 'modifiedAt', 'disableSessionTags',
    ]);
    expect(association).toMatchObject({ associationArn: `arn:aws:eks:us-east-1:${ACCOUNT}:podidentityassociation/demo/${id}`, createdAt: Date.parse('2026-03-01T12:00:00Z') / 1000 });
    expect((await callJson(server, 'GET', `${BASE}/${id}`)).body).toEqual(created.body);
    expect((await callJson(server, 'GET', `${BASE}?namespace=default&serviceAccount=app`)).body).toEqual({
      associations: [{ clusterName: 'demo', namespace: 'default', serviceAccount: 'app', associationArn: association['associationArn'], associationId: id }],
    });
    const updated = await callJson(server, 'POST', `${BASE}/${id}`, { disableSessionTags: true });
    expect(updated.body['association']).toMatchObject({ disableSessionTags: true, roleArn: ROLE });
    const deleted = await callJson(server, 'DELETE', `${BASE}/${id}`);
    expect(deleted.body).toEqual(updated.body);
    expectError(await callJson(server, 'GET', `${BASE}/${id}`), 404, 'ResourceNotFoundException', `No Pod Identity Association found for id: ${id}.`);
  });

  it('should answer a duplicate with ResourceInUseException 409', async () => {
    const first = await create();
    const id = (first.body['association'] as Record<string, unknown>)['associationId'];
    expectError(await create(), 409, 'ResourceInUseException', `Association already exists: ${String(id)}`);
  });

  it.each([
    ['GET', '/clusters/nope/pod-identity-associations', undefined],
    ['POST', '/clusters/nope/pod-identity-associations', { namespace: 'default', serviceAccount: 'app', roleArn: ROLE }],
    ['GET', '/clusters/nope/pod-identity-associations/a-0000000000000000x', undefined],
  ])('should answer %s %s for an unknown cluster with 404', async (method, path, body) => {
    expectError(await callJson(server, method, path, body), 404, 'ResourceNotFoundException', 'No cluster found for name: nope.');
  });

  it.each([
    [{ roleArn: `arn:aws:iam::${ACCOUNT}:role/missing` }, 'InvalidParameterException', 'Role provided in the request does not exist'],
    [{ namespace: undefined }, 'InvalidParameterException', "1 validation error detected: Value null at 'namespace' failed to satisfy constraint: Member must not be null"],
    [{ disableSessionTags: 'yes' }, 'InvalidParameterException', "1 validation error detected: Value 'yes' at 'disableSessionTags' failed to satisfy constraint: Member must be a boolean"],
  ])('should answer the body %j with 400 %s', async (body, code, message) => {
    expectError(await create(body), 400, code, message);
  });

  it('should answer garbage JSON with SerializationException and a short id with InvalidParameterException', async () => {
    expectError(await callJson(server, 'POST', BASE, '{"namespace":'), 400, 'SerializationException', 'The request body is not valid JSON');
    expectError(await callJson(server, 'GET', `${BASE}/a-1`), 400, 'InvalidParameterException', 'The parameter associationId should be 19 characters long.');
  });

  it('should page the list and validate maxResults', async () => {
    for (const sa of ['a', 'b', 'c']) await create({ serviceAccount: sa });
    const first = await callJson(server, 'GET', `${BASE}?maxResults=2`);
    expect((first.body['associations'] as unknown[]).length).toBe(2);
    const second = await callJson(server, 'GET', `${BASE}?maxResults=2&nextToken=${encodeURIComponent(String(first.body['nextToken']))}`);
    // Same creation time (the clock is frozen): the order is by id, so check the pages' union.
    const names = [...(first.body['associations'] as { serviceAccount: string }[]), ...(second.body['associations'] as { serviceAccount: string }[])].map((a) => a.serviceAccount);
    expect(names.sort()).toEqual(['a', 'b', 'c']);
    expect(second.body).not.toHaveProperty('nextToken');
    expectError(await callJson(server, 'GET', `${BASE}?maxResults=101`), 400, 'InvalidParameterException',
      "1 validation error detected: Value 101 at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100");
    expect((await callJson(server, 'GET', `${BASE}?nextToken=bogus`)).status).toBe(400);
  });
});
