import { afterEach, describe, expect, it } from 'vitest';
import { coreConfig } from '../config.js';
import { FixedClock, systemRandom } from '../deps.js';
import { jwksFor } from '../keys/index.js';
import { Store } from '../store/index.js';
import type { EksContext } from './cluster.js';
import { createCluster, insertCluster } from './create-cluster.js';
import { deleteCluster } from './delete-cluster.js';
import { describeCluster } from './describe-cluster.js';

const stores: Store[] = [];
function context(): EksContext {
  const store = Store.open(':memory:');
  stores.push(store);
  return { store, deps: { clock: new FixedClock('2026-03-01T12:00:00.250Z'), random: systemRandom }, config: coreConfig({ publicUrl: 'http://127.0.0.1:4599' }) };
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

describe('createCluster', () => {
  it('should describe a new cluster as ACTIVE with an issuer under the public URL', async () => {
    const ctx = context();
    const cluster = await createCluster(ctx, { name: 'demo', roleArn: 'arn:aws:iam::000000000000:role/eks', tags: { team: 'a' } });
    expect(cluster).toMatchObject({
      name: 'demo',
      arn: 'arn:aws:eks:us-east-1:000000000000:cluster/demo',
      createdAt: 1772366400.25,
      version: '1.31',
      roleArn: 'arn:aws:iam::000000000000:role/eks',
      status: 'ACTIVE',
      platformVersion: 'eks.1',
      tags: { team: 'a' },
      kubernetesNetworkConfig: { serviceIpv4Cidr: '10.100.0.0/16', ipFamily: 'ipv4' },
      resourcesVpcConfig: { subnetIds: [], endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ['0.0.0.0/0'] },
      accessConfig: { authenticationMode: 'CONFIG_MAP' },
    });
    expect(cluster.identity.oidc.issuer).toMatch(/^http:\/\/127\.0\.0\.1:4599\/id\/[0-9A-F]{32}$/);
    const oidcId = cluster.identity.oidc.issuer.split('/').pop();
    expect(cluster.endpoint).toBe(`https://${oidcId}.gr7.us-east-1.eks.amazonaws.com`);
    expect(cluster.resourcesVpcConfig.vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(Buffer.from(cluster.certificateAuthority.data, 'base64').toString()).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });

  it('should give the cluster a signing key published in its JWKS', async () => {
    const ctx = context();
    await createCluster(ctx, { name: 'demo' });
    expect(jwksFor(ctx.store, ctx.deps, 'demo').keys).toHaveLength(1);
  });

  it('should refuse a second cluster of the same name with ResourceInUseException 409', async () => {
    const ctx = context();
    await createCluster(ctx, { name: 'demo' });
    await expect(createCluster(ctx, { name: 'demo' })).rejects.toMatchObject({
      code: 'ResourceInUseException',
      status: 409,
      message: 'Cluster already exists with name: demo',
    });
  });

  it('should answer a retry with the same clientRequestToken with the cluster it made', async () => {
    const ctx = context();
    const first = await createCluster(ctx, { name: 'demo', clientRequestToken: 't-1' });
    expect(await createCluster(ctx, { name: 'demo', clientRequestToken: 't-1' })).toEqual(first);
    await expect(createCluster(ctx, { name: 'demo', clientRequestToken: 't-2' })).rejects.toMatchObject({ code: 'ResourceInUseException' });
  });

  it.each([
    ['another name', { name: 'other' }],
    ['other parameters', { name: 'demo', version: '1.30' }],
  ])('should refuse a clientRequestToken reused with %s and create nothing', async (_case, over) => {
    const ctx = context();
    await createCluster(ctx, { name: 'demo', clientRequestToken: 't-1' });
    await expect(createCluster(ctx, { ...over, clientRequestToken: 't-1' })).rejects.toMatchObject({
      code: 'InvalidRequestException',
      status: 400,
      message: 'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
    });
    expect(ctx.store.clusters.list('000000000000').map((c) => c.name)).toEqual(['demo']);
  });

  it('should take the same parameters in another member order as the same request', async () => {
    const ctx = context();
    const first = await createCluster(ctx, { name: 'demo', tags: { a: '1', b: '2' }, clientRequestToken: 't-1' });
    expect(await createCluster(ctx, { tags: { b: '2', a: '1' }, clientRequestToken: 't-1', name: 'demo' })).toEqual(first);
  });

  it('should give every cluster its own issuer id', () => {
    const ctx = context();
    const a = insertCluster(ctx, { name: 'a' });
    const b = insertCluster(ctx, { name: 'b' });
    expect(a.oidcId).not.toBe(b.oidcId);
  });
});

describe('describeCluster', () => {
  it('should answer an unknown name with ResourceNotFoundException 404', () => {
    expect(() => describeCluster(context(), 'nope')).toThrow(expect.objectContaining({
      code: 'ResourceNotFoundException',
      status: 404,
      message: 'No cluster found for name: nope.',
    }));
  });

  it('should show the same cluster on every call', async () => {
    const ctx = context();
    const created = await createCluster(ctx, { name: 'demo' });
    expect(describeCluster(ctx, 'demo')).toEqual(created);
  });
});

describe('deleteCluster', () => {
  it('should answer with the cluster DELETING and forget it with its keys', async () => {
    const ctx = context();
    await createCluster(ctx, { name: 'demo' });
    expect(deleteCluster(ctx, 'demo').status).toBe('DELETING');
    expect(() => describeCluster(ctx, 'demo')).toThrow('No cluster found for name: demo.');
    expect(jwksFor(ctx.store, ctx.deps, 'demo').keys).toEqual([]);
  });

  it('should answer an unknown name with ResourceNotFoundException', () => {
    expect(() => deleteCluster(context(), 'nope')).toThrow(expect.objectContaining({ code: 'ResourceNotFoundException' }));
  });
});
