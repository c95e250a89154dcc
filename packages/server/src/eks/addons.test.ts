import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callJson, clusterBody, startEksServer } from './test-support.js';
import type { EksTestServer, JsonReply } from './test-support.js';

const AGENT = 'eks-pod-identity-agent';
const BASE = '/clusters/demo/addons';

let server: EksTestServer;
beforeEach(async () => {
  server = await startEksServer();
  await callJson(server, 'POST', '/clusters', clusterBody('demo', { version: '1.31' }));
});
afterEach(() => server.close());

function expectError(reply: JsonReply, status: number, code: string, message: string): void {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('x-amzn-errortype')).toBe(code);
  expect(reply.body).toEqual({ message });
}

describe('EKS add-on routes', () => {
  it('should walk eksctl\'s agent check and install: DescribeAddon 404, DescribeAddonVersions, CreateAddon, DescribeAddon ACTIVE', async () => {
    expectError(await callJson(server, 'GET', `${BASE}/${AGENT}`), 404, 'ResourceNotFoundException', `No addon: ${AGENT} found in cluster: demo`);
    const versions = await callJson(server, 'GET', `/addons/supported-versions?kubernetesVersion=1.31&addonName=${AGENT}`);
    const [info] = versions.body['addons'] as { addonName: string; addonVersions: { addonVersion: string; compatibilities: { defaultVersion: boolean }[] }[] }[];
    const chosen = info?.addonVersions.find((v) => v.compatibilities[0]?.defaultVersion)?.addonVersion;
    expect(chosen).toBe('v1.3.9-eksbuild.3');
    const created = await callJson(server, 'POST', BASE, { addonName: AGENT, addonVersion: chosen, clientRequestToken: 'x' });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body['addon'] as object)).toEqual([
      'addonName', 'clusterName', 'status', 'addonVersion', 'health', 'addonArn', 'createdAt', 'modifiedAt', 'tags', 'podIdentityAssociations',
    ]);
    expect((await callJson(server, 'GET', `${BASE}/${AGENT}`)).body).toEqual({ addon: { ...(created.body['addon'] as object), status: 'ACTIVE' } });
    expect((await callJson(server, 'GET', BASE)).body).toEqual({ addons: [AGENT] });
  });

  it('should delete the add-on, answering with it DELETING, and forget it', async () => {
    await callJson(server, 'POST', BASE, { addonName: AGENT });
    const deleted = await callJson(server, 'DELETE', `${BASE}/${AGENT}?preserve=true`);
    expect((deleted.body['addon'] as Record<string, unknown>)['status']).toBe('DELETING');
    expect((await callJson(server, 'GET', BASE)).body).toEqual({ addons: [] });
  });

  it.each([
    ['POST', BASE, { addonName: 'vpc-cni' }, 400, 'InvalidParameterException', 'Addon specified is not supported'],
    ['POST', BASE, { addonName: AGENT, addonVersion: 'v9' }, 400, 'InvalidParameterException', 'Addon version specified is not supported'],
    ['GET', `/clusters/ghost/addons/${AGENT}`, undefined, 404, 'ResourceNotFoundException', 'No cluster found for name: ghost.'],
    ['GET', '/clusters/ghost/addons', undefined, 404, 'ResourceNotFoundException', 'No cluster found for name: ghost.'],
    ['GET', `${BASE}?maxResults=0`, undefined, 400, 'InvalidParameterException', "1 validation error detected: Value 0 at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"],
  ])('should answer %s %s %j with %i %s', async (method, path, body, status, code, message) => {
    expectError(await callJson(server, method, path, body), status, code, message);
  });

  it('should answer a second CreateAddon with ResourceInUseException 409', async () => {
    await callJson(server, 'POST', BASE, { addonName: AGENT });
    expectError(await callJson(server, 'POST', BASE, { addonName: AGENT }), 409, 'ResourceInUseException', 'Addon already exists.');
  });
});
