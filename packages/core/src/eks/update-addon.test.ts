import { afterEach, describe, expect, it } from 'vitest';
import { coreConfig } from '../config.js';
import { FixedClock, systemRandom } from '../deps.js';
import { Store } from '../store/index.js';
import { createAddon, deleteAddon, describeAddon } from './addons.js';
import type { EksContext } from './cluster.js';
import { insertCluster } from './create-cluster.js';
import { deleteCluster } from './delete-cluster.js';
import { eksInput } from './input.js';
import { parseUpdateAddonInput } from './parse-addon.js';
import { updateAddon } from './update-addon.js';
import { describeUpdate, listUpdates } from './updates.js';

const AGENT = 'eks-pod-identity-agent';
const ROLE = 'arn:aws:iam::000000000000:role/agent';

const stores: Store[] = [];
function context(): EksContext & { deps: { clock: FixedClock } } {
  const store = Store.open(':memory:');
  stores.push(store);
  const ctx = { store, deps: { clock: new FixedClock('2026-03-01T12:00:00.500Z'), random: systemRandom }, config: coreConfig() };
  insertCluster(ctx, { name: 'demo' });
  createAddon(ctx, { clusterName: 'demo', addonName: AGENT, addonVersion: 'v1.2.0-eksbuild.1' });
  ctx.deps.clock.advance(60);
  return ctx;
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

describe('updateAddon', () => {
  it('should apply the change at once and answer the update InProgress with the params the request carried, in EKS order', () => {
    const ctx = context();
    const update = updateAddon(ctx, { clusterName: 'demo', addonName: AGENT, configurationValues: '{"a":1}', resolveConflicts: 'OVERWRITE', addonVersion: 'v1.3.9-eksbuild.3' });
    expect(update).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'InProgress',
      type: 'AddonUpdate',
      params: [
        { type: 'AddonVersion', value: 'v1.3.9-eksbuild.3' },
        { type: 'ResolveConflicts', value: 'OVERWRITE' },
        { type: 'ConfigurationValues', value: '{"a":1}' },
      ],
      createdAt: 1772366460.5,
      errors: [],
    });
    expect(describeAddon(ctx, 'demo', AGENT)).toMatchObject({ addonVersion: 'v1.3.9-eksbuild.3', configurationValues: '{"a":1}', createdAt: 1772366400.5, modifiedAt: 1772366460.5 });
  });

  it('should set and keep the service account role, clear configuration values given empty, and record podIdentityAssociations without making any', () => {
    const ctx = context();
    updateAddon(ctx, { clusterName: 'demo', addonName: AGENT, serviceAccountRoleArn: ROLE, configurationValues: '{"a":1}' });
    const update = updateAddon(ctx, { clusterName: 'demo', addonName: AGENT, configurationValues: '', podIdentityAssociations: [{ serviceAccount: 'agent', roleArn: ROLE }] });
    expect(update.params).toEqual([
      { type: 'ConfigurationValues', value: '' },
      { type: 'PodIdentityAssociations', value: `[{"serviceAccount":"agent","roleArn":"${ROLE}"}]` },
    ]);
    const addon = describeAddon(ctx, 'demo', AGENT);
    expect(addon).toMatchObject({ addonVersion: 'v1.2.0-eksbuild.1', serviceAccountRoleArn: ROLE, podIdentityAssociations: [] });
    expect(addon).not.toHaveProperty('configurationValues');
  });

  it('should take an empty serviceAccountRoleArn (terraform removing the attribute) as no role, and refuse other bodies as the model does', () => {
    const ctx = context();
    updateAddon(ctx, parseUpdateAddonInput('demo', AGENT, { serviceAccountRoleArn: ROLE }));
    const update = updateAddon(ctx, parseUpdateAddonInput('demo', AGENT, { serviceAccountRoleArn: '' }));
    expect(update.params).toEqual([{ type: 'ServiceAccountRoleArn', value: '' }]);
    expect(describeAddon(ctx, 'demo', AGENT)).not.toHaveProperty('serviceAccountRoleArn');
    expect(() => parseUpdateAddonInput('demo', AGENT, { serviceAccountRoleArn: '', resolveConflicts: 'bogus' })).toThrow(expect.objectContaining({ status: 400 }));
  });

  it.each([
    [{ clusterName: 'ghost', addonName: AGENT }, 'ResourceNotFoundException', 404, 'No cluster found for name: ghost.'],
    [{ clusterName: 'demo', addonName: 'vpc-cni' }, 'ResourceNotFoundException', 404, 'No addon: vpc-cni found in cluster: demo'],
    [{ clusterName: 'demo', addonName: AGENT, addonVersion: 'v0.0.1' }, 'InvalidParameterException', 400, 'Addon version specified is not supported'],
  ])('should refuse %j with %s and change nothing', (input, code, status, message) => {
    const ctx = context();
    const before = describeAddon(ctx, 'demo', AGENT);
    expect(() => updateAddon(ctx, { ...input, serviceAccountRoleArn: ROLE })).toThrow(expect.objectContaining({ code, status, message }));
    expect(describeAddon(ctx, 'demo', AGENT)).toEqual(before);
    expect(listUpdates(ctx, { name: 'demo', addonName: AGENT })).toEqual({ updateIds: [] });
  });

  it('should answer a retry with the same clientRequestToken and parameters with the same update, and refuse the token with other parameters', () => {
    const ctx = context();
    const first = updateAddon(ctx, { clusterName: 'demo', addonName: AGENT, addonVersion: 'v1.3.8-eksbuild.2', clientRequestToken: 't-1' });
    ctx.deps.clock.advance(5);
    expect(updateAddon(ctx, { clientRequestToken: 't-1', addonVersion: 'v1.3.8-eksbuild.2', addonName: AGENT, clusterName: 'demo' })).toEqual({ ...first, status: 'Successful' });
    expect(() => updateAddon(ctx, { clusterName: 'demo', addonName: AGENT, addonVersion: 'v1.3.9-eksbuild.3', clientRequestToken: 't-1' })).toThrow(expect.objectContaining({
      code: 'InvalidRequestException', status: 400, message: 'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
    }));
    expect(describeAddon(ctx, 'demo', AGENT)).toMatchObject({ addonVersion: 'v1.3.8-eksbuild.2', modifiedAt: 1772366460.5 });
    expect(listUpdates(ctx, { name: 'demo', addonName: AGENT })).toEqual({ updateIds: [first.id] });
  });
});

describe('describeUpdate', () => {
  it('should answer an add-on update Successful when asked with its addonName, as terraform waits for it', () => {
    const ctx = context();
    const update = updateAddon(ctx, { clusterName: 'demo', addonName: AGENT, addonVersion: 'v1.3.9-eksbuild.3' });
    expect(describeUpdate(ctx, { name: 'demo', updateId: update.id, addonName: AGENT })).toEqual({ ...update, status: 'Successful' });
  });

  it.each([
    [{ name: 'demo' }, 'ResourceNotFoundException', 'No update found for ID: %s'],
    [{ name: 'demo', addonName: 'vpc-cni' }, 'ResourceNotFoundException', 'No update found for ID: %s'],
    [{ name: 'ghost', addonName: AGENT }, 'ResourceNotFoundException', 'No cluster found for name: ghost.'],
    [{ name: 'demo', nodegroupName: 'ng' }, 'ResourceNotFoundException', 'No node group found for name: ng.'],
    [{ name: 'demo', capabilityName: 'argo' }, 'ResourceNotFoundException', 'No capability found for name: argo.'],
  ])('should not find an add-on update asked as %j', (scope, code, message) => {
    const ctx = context();
    const { id } = updateAddon(ctx, { clusterName: 'demo', addonName: AGENT, addonVersion: 'v1.3.9-eksbuild.3' });
    expect(() => describeUpdate(ctx, { ...scope, updateId: id })).toThrow(expect.objectContaining({ code, status: 404, message: message.replace('%s', id) }));
  });

  it('should not find an id never given', () => {
    expect(() => describeUpdate(context(), { name: 'demo', updateId: 'nope', addonName: AGENT })).toThrow(expect.objectContaining({ code: 'ResourceNotFoundException', message: 'No update found for ID: nope' }));
  });
});

describe('listUpdates', () => {
  it('should list an add-on\'s updates oldest first, a page at a time, and none for the cluster itself', () => {
    const ctx = context();
    const ids = ['v1.3.8-eksbuild.2', 'v1.3.9-eksbuild.3', 'v1.2.0-eksbuild.1'].map((addonVersion) => updateAddon(ctx, { clusterName: 'demo', addonName: AGENT, addonVersion }).id);
    expect(listUpdates(ctx, { name: 'demo', addonName: AGENT })).toEqual({ updateIds: ids });
    const first = listUpdates(ctx, { name: 'demo', addonName: AGENT, maxResults: 2 });
    expect(first.updateIds).toEqual(ids.slice(0, 2));
    expect(listUpdates(ctx, { name: 'demo', addonName: AGENT, maxResults: 2, nextToken: first.nextToken as string })).toEqual({ updateIds: ids.slice(2) });
    expect(listUpdates(ctx, { name: 'demo' })).toEqual({ updateIds: [] });
  });

  it.each([
    [{ name: 'demo', nextToken: 'bogus' }, 'InvalidParameterException', 400, 'The nextToken provided is not valid'],
    [{ name: 'demo', addonName: 'vpc-cni' }, 'ResourceNotFoundException', 404, 'No addon: vpc-cni found in cluster: demo'],
    [{ name: 'ghost' }, 'ResourceNotFoundException', 404, 'No cluster found for name: ghost.'],
  ])('should refuse %j with %s', (input, code, status, message) => {
    expect(() => listUpdates(context(), input)).toThrow(expect.objectContaining({ code, status, message }));
  });

  it('should forget an add-on\'s updates with the add-on, and with its cluster', () => {
    const ctx = context();
    updateAddon(ctx, { clusterName: 'demo', addonName: AGENT, addonVersion: 'v1.3.9-eksbuild.3', clientRequestToken: 't-1' });
    deleteAddon(ctx, 'demo', AGENT);
    createAddon(ctx, { clusterName: 'demo', addonName: AGENT });
    expect(listUpdates(ctx, { name: 'demo', addonName: AGENT })).toEqual({ updateIds: [] });
    const again = updateAddon(ctx, { clusterName: 'demo', addonName: AGENT, addonVersion: 'v1.3.9-eksbuild.3', clientRequestToken: 't-1' });
    expect(again.status).toBe('InProgress');
    deleteCluster(ctx, 'demo');
    insertCluster(ctx, { name: 'demo' });
    createAddon(ctx, { clusterName: 'demo', addonName: AGENT });
    expect(listUpdates(ctx, { name: 'demo', addonName: AGENT })).toEqual({ updateIds: [] });
    expect(() => describeUpdate(ctx, { name: 'demo', updateId: again.id, addonName: AGENT })).toThrow(`No update found for ID: ${again.id}`);
  });
});

describe('UpdateAddon, DescribeUpdate and ListUpdates inputs', () => {
  it('should read path, body and query members through the model', () => {
    expect(eksInput('UpdateAddon', { path: { name: 'demo', addonName: AGENT }, body: { addonVersion: 'v1', podIdentityAssociations: [{ serviceAccount: 's', roleArn: ROLE }] } }))
      .toEqual({ clusterName: 'demo', addonName: AGENT, addonVersion: 'v1', podIdentityAssociations: [{ serviceAccount: 's', roleArn: ROLE }] });
    expect(eksInput('DescribeUpdate', { path: { name: 'demo', updateId: 'u' }, query: { addonName: AGENT } })).toEqual({ name: 'demo', updateId: 'u', addonName: AGENT });
    expect(eksInput('ListUpdates', { path: { name: 'demo' }, query: { addonName: AGENT, maxResults: '2', nextToken: '' } })).toEqual({ name: 'demo', addonName: AGENT, maxResults: 2 });
  });

  it.each([
    [() => eksInput('UpdateAddon', { path: { name: 'demo', addonName: AGENT }, body: { resolveConflicts: 'ALWAYS' } }), "1 validation error detected: Value 'ALWAYS' at 'resolveConflicts' failed to satisfy constraint: Member must satisfy enum value set: [OVERWRITE, NONE, PRESERVE]"],
    [() => eksInput('UpdateAddon', { path: { name: 'demo', addonName: AGENT }, body: { podIdentityAssociations: [{ serviceAccount: 's' }] } }), "1 validation error detected: Value null at 'podIdentityAssociations.1.member.roleArn' failed to satisfy constraint: Member must not be null"],
    [() => eksInput('ListUpdates', { path: { name: 'demo' }, query: { maxResults: '101' } }), "1 validation error detected: Value 101 at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"],
  ])('should refuse a malformed request with InvalidParameterException (%#)', (parse, message) => {
    expect(parse).toThrow(expect.objectContaining({ code: 'InvalidParameterException', status: 400, message }));
  });
});
