import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callJson, clusterBody, startEksServer } from './test-support.js';
import type { EksTestServer, JsonReply } from './test-support.js';

const AGENT = 'eks-pod-identity-agent';
const ADDON = `/clusters/demo/addons/${AGENT}`;
const UPDATES = '/clusters/demo/updates';

let server: EksTestServer;
beforeEach(async () => {
  server = await startEksServer();
  await callJson(server, 'POST', '/clusters', clusterBody('demo', { version: '1.31' }));
  await callJson(server, 'POST', '/clusters/demo/addons', { addonName: AGENT, addonVersion: 'v1.2.0-eksbuild.1' });
});
afterEach(() => server.close());

function expectError(reply: JsonReply, status: number, code: string, message: string): void {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('x-amzn-errortype')).toBe(code);
  expect(reply.body).toEqual({ message });
}

describe('EKS update routes', () => {
  it('should walk terraform\'s aws_eks_addon update: UpdateAddon, DescribeUpdate until Successful, DescribeAddon with the new version', async () => {
    const updated = await callJson(server, 'POST', `${ADDON}/update`, { addonVersion: 'v1.3.9-eksbuild.3', resolveConflicts: 'OVERWRITE', clientRequestToken: 'terraform-1' });
    expect(updated.status).toBe(200);
    const update = updated.body['update'] as Record<string, unknown>;
    expect(Object.keys(update)).toEqual(['id', 'status', 'type', 'params', 'createdAt', 'errors']);
    expect(update).toMatchObject({
      status: 'InProgress', type: 'AddonUpdate', createdAt: 1772366400, errors: [],
      params: [{ type: 'AddonVersion', value: 'v1.3.9-eksbuild.3' }, { type: 'ResolveConflicts', value: 'OVERWRITE' }],
    });
    const described = await callJson(server, 'GET', `${UPDATES}/${String(update['id'])}?addonName=${AGENT}`);
    expect(described.body).toEqual({ update: { ...update, status: 'Successful' } });
    expect(((await callJson(server, 'GET', ADDON)).body['addon'] as Record<string, unknown>)['addonVersion']).toBe('v1.3.9-eksbuild.3');
    expect((await callJson(server, 'GET', `${UPDATES}?addonName=${AGENT}`)).body).toEqual({ updateIds: [update['id']] });
    expect((await callJson(server, 'GET', UPDATES)).body).toEqual({ updateIds: [] });
  });

  it('should answer a retry of the same token with the same update and its reuse with other parameters with InvalidRequestException', async () => {
    const body = { serviceAccountRoleArn: 'arn:aws:iam::000000000000:role/agent', clientRequestToken: 'eksctl-1' };
    const first = await callJson(server, 'POST', `${ADDON}/update`, body);
    const retry = await callJson(server, 'POST', `${ADDON}/update`, body);
    expect((retry.body['update'] as Record<string, unknown>)['id']).toBe((first.body['update'] as Record<string, unknown>)['id']);
    expectError(await callJson(server, 'POST', `${ADDON}/update`, { ...body, configurationValues: '{}' }), 400, 'InvalidRequestException',
      'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).');
  });

  it.each([
    ['POST', '/clusters/ghost/addons/eks-pod-identity-agent/update', {}, 404, 'ResourceNotFoundException', 'No cluster found for name: ghost.'],
    ['POST', '/clusters/demo/addons/vpc-cni/update', {}, 404, 'ResourceNotFoundException', 'No addon: vpc-cni found in cluster: demo'],
    ['POST', `${ADDON}/update`, { addonVersion: 'v9' }, 400, 'InvalidParameterException', 'Addon version specified is not supported'],
    ['POST', `${ADDON}/update`, { resolveConflicts: 'ALWAYS' }, 400, 'InvalidParameterException',
      "1 validation error detected: Value 'ALWAYS' at 'resolveConflicts' failed to satisfy constraint: Member must satisfy enum value set: [OVERWRITE, NONE, PRESERVE]"],
    ['GET', `${UPDATES}/nope?addonName=${AGENT}`, undefined, 404, 'ResourceNotFoundException', 'No update found for ID: nope'],
    ['GET', '/clusters/ghost/updates/nope', undefined, 404, 'ResourceNotFoundException', 'No cluster found for name: ghost.'],
    ['GET', `${UPDATES}?nodegroupName=ng`, undefined, 404, 'ResourceNotFoundException', 'No node group found for name: ng.'],
    ['GET', `${UPDATES}?maxResults=0`, undefined, 400, 'InvalidParameterException', "1 validation error detected: Value 0 at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ['GET', `${UPDATES}?nextToken=bogus`, undefined, 400, 'InvalidParameterException', 'The nextToken provided is not valid'],
  ])('should answer %s %s %j with %i %s', async (method, path, body, status, code, message) => {
    expectError(await callJson(server, method, path, body), status, code, message);
  });

  it('should not find an add-on\'s update asked without its addonName, as EKS answers', async () => {
    const { body } = await callJson(server, 'POST', `${ADDON}/update`, { addonVersion: 'v1.3.9-eksbuild.3' });
    const id = String((body['update'] as Record<string, unknown>)['id']);
    expectError(await callJson(server, 'GET', `${UPDATES}/${id}`), 404, 'ResourceNotFoundException', `No update found for ID: ${id}`);
  });
});
