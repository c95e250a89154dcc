import { afterEach, describe, expect, it } from 'vitest';
import { coreConfig } from '../config.js';
import { FixedClock, systemRandom } from '../deps.js';
import { Store } from '../store/index.js';
import { createAddon, deleteAddon, describeAddon, describeAddonVersions, listAddons } from './addons.js';
import type { EksContext } from './cluster.js';
import { insertCluster } from './create-cluster.js';
import { deleteCluster } from './delete-cluster.js';
import { eksInput } from './input.js';
import { parseCreateAddonInput } from './parse-addon.js';

const AGENT = 'eks-pod-identity-agent';

const stores: Store[] = [];
function context(): EksContext {
  const store = Store.open(':memory:');
  stores.push(store);
  const ctx = { store, deps: { clock: new FixedClock('2026-03-01T12:00:00.500Z'), random: systemRandom }, config: coreConfig() };
  insertCluster(ctx, { name: 'demo' });
  return ctx;
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

describe('createAddon', () => {
  it('should install the Pod Identity agent add-on ACTIVE at the default version, in the Addon shape', () => {
    const addon = createAddon(context(), { clusterName: 'demo', addonName: AGENT, tags: { team: 'a' } });
    expect(addon).toEqual({
      addonName: AGENT,
      clusterName: 'demo',
      status: 'ACTIVE',
      addonVersion: 'v1.3.9-eksbuild.3',
      health: { issues: [] },
      addonArn: expect.stringMatching(/^arn:aws:eks:us-east-1:000000000000:addon\/demo\/eks-pod-identity-agent\/[0-9a-f-]{36}$/),
      createdAt: 1772366400.5,
      modifiedAt: 1772366400.5,
      tags: { team: 'a' },
      podIdentityAssociations: [],
    });
  });

  it.each([
    [{ clusterName: 'ghost', addonName: AGENT }, 'ResourceNotFoundException', 404, 'No cluster found for name: ghost.'],
    [{ clusterName: 'demo', addonName: 'vpc-cni' }, 'InvalidParameterException', 400, 'Addon specified is not supported'],
    [{ clusterName: 'demo', addonName: AGENT, addonVersion: 'v0.0.1' }, 'InvalidParameterException', 400, 'Addon version specified is not supported'],
  ])('should refuse %j with %s', (input, code, status, message) => {
    expect(() => createAddon(context(), input)).toThrow(expect.objectContaining({ code, status, message }));
  });

  it('should refuse a second add-on of the same name with ResourceInUseException 409', () => {
    const ctx = context();
    createAddon(ctx, { clusterName: 'demo', addonName: AGENT });
    expect(() => createAddon(ctx, { clusterName: 'demo', addonName: AGENT })).toThrow(expect.objectContaining({ code: 'ResourceInUseException', status: 409, message: 'Addon already exists.' }));
  });
});

describe('describeAddon / listAddons / deleteAddon', () => {
  it('should answer an add-on that is not installed with ResourceNotFoundException, as eksctl expects', () => {
    const ctx = context();
    for (const call of [() => describeAddon(ctx, 'demo', AGENT), () => deleteAddon(ctx, 'demo', AGENT)]) {
      expect(call).toThrow(expect.objectContaining({ code: 'ResourceNotFoundException', status: 404, message: `No addon: ${AGENT} found in cluster: demo` }));
    }
    expect(() => describeAddon(ctx, 'ghost', AGENT)).toThrow('No cluster found for name: ghost.');
    expect(listAddons(ctx, { clusterName: 'demo' })).toEqual({ addons: [] });
  });

  it('should describe, list and delete an installed add-on, then forget it', () => {
    const ctx = context();
    const created = createAddon(ctx, { clusterName: 'demo', addonName: AGENT, addonVersion: 'v1.3.8-eksbuild.2' });
    expect(describeAddon(ctx, 'demo', AGENT)).toEqual(created);
    expect(listAddons(ctx, { clusterName: 'demo' })).toEqual({ addons: [AGENT] });
    expect(deleteAddon(ctx, 'demo', AGENT)).toEqual({ ...created, status: 'DELETING' });
    expect(() => describeAddon(ctx, 'demo', AGENT)).toThrow('No addon: eks-pod-identity-agent found in cluster: demo');
  });

  it('should take maxResults and refuse a nextToken it did not give', () => {
    const ctx = context();
    createAddon(ctx, { clusterName: 'demo', addonName: AGENT });
    const first = listAddons(ctx, { clusterName: 'demo', maxResults: 1 });
    expect(first).toEqual({ addons: [AGENT] });
    expect(() => listAddons(ctx, { clusterName: 'demo', nextToken: 'bogus' })).toThrow(expect.objectContaining({ code: 'InvalidParameterException' }));
  });

  it('should go with its cluster', () => {
    const ctx = context();
    createAddon(ctx, { clusterName: 'demo', addonName: AGENT });
    deleteCluster(ctx, 'demo');
    insertCluster(ctx, { name: 'demo' });
    expect(listAddons(ctx, { clusterName: 'demo' })).toEqual({ addons: [] });
  });
});

describe('describeAddonVersions', () => {
  it('should offer the agent for the asked Kubernetes version with the default version first, as eksctl picks it', () => {
    const { addons } = describeAddonVersions({ kubernetesVersion: '1.31', addonName: AGENT });
    expect(addons).toHaveLength(1);
    expect(addons[0]).toMatchObject({ addonName: AGENT, type: 'security', owner: 'aws', publisher: 'eks' });
    expect(addons[0]?.addonVersions[0]).toEqual({
      addonVersion: 'v1.3.9-eksbuild.3', architecture: ['amd64', 'arm64'], computeTypes: ['ec2', 'hybrid'],
      compatibilities: [{ clusterVersion: '1.31', platformVersions: ['*'], defaultVersion: true }],
      requiresConfiguration: false, requiresIamPermissions: false,
    });
    expect(addons[0]?.addonVersions.slice(1).every((v) => v.compatibilities.every((c) => !c.defaultVersion))).toBe(true);
  });

  it('should list nothing for an add-on eksid does not offer', () => {
    expect(describeAddonVersions({ addonName: 'vpc-cni' })).toEqual({ addons: [] });
  });
});

describe('parseCreateAddonInput / DescribeAddonVersions input', () => {
  it('should read the members it models', () => {
    expect(parseCreateAddonInput('demo', { addonName: AGENT, addonVersion: 'v1.3.8-eksbuild.2', resolveConflicts: 'OVERWRITE', tags: { a: 'b' }, podIdentityAssociations: [] }))
      .toEqual({ clusterName: 'demo', addonName: AGENT, addonVersion: 'v1.3.8-eksbuild.2', resolveConflicts: 'OVERWRITE', tags: { a: 'b' }, podIdentityAssociations: [] });
    expect(eksInput('DescribeAddonVersions', { query: { kubernetesVersion: '1.31', addonName: AGENT, maxResults: '5' } })).toEqual({ kubernetesVersion: '1.31', addonName: AGENT, maxResults: 5 });
  });

  it.each([
    [() => parseCreateAddonInput('demo', {}), "1 validation error detected: Value null at 'addonName' failed to satisfy constraint: Member must not be null"],
    [() => parseCreateAddonInput('demo', { addonName: AGENT, resolveConflicts: 'ALWAYS' }), "1 validation error detected: Value 'ALWAYS' at 'resolveConflicts' failed to satisfy constraint: Member must satisfy enum value set: [OVERWRITE, NONE, PRESERVE]"],
    [() => parseCreateAddonInput('demo', { addonName: AGENT, tags: { 'aws:x': 'y' } }), "Tag keys starting with 'aws:' are reserved for internal use"],
    [() => eksInput('DescribeAddonVersions', { query: { maxResults: '101' } }), "1 validation error detected: Value 101 at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"],
  ])('should refuse a malformed request with InvalidParameterException (%#)', (parse, message) => {
    expect(parse).toThrow(expect.objectContaining({ code: 'InvalidParameterException', status: 400, message }));
  });
});
