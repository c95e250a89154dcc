import { afterEach, describe, expect, it } from 'vitest';
import { coreConfig } from '../config.js';
import { FixedClock, systemRandom } from '../deps.js';
import { newRoleId, roleArn } from '../ids/index.js';
import { Store } from '../store/index.js';
import { createAddon, describeAddon } from './addons.js';
import type { EksContext } from './cluster.js';
import { insertCluster } from './create-cluster.js';
import { createPodIdentityAssociation } from './create-pod-identity-association.js';
import { describeCluster } from './describe-cluster.js';
import { describePodIdentityAssociation } from './pod-identity-associations.js';
import { listTagsForResource, tagResource, untagResource } from './tag-resource.js';

const ACCOUNT = '000000000000';
const CLUSTER_ARN = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/demo`;

const stores: Store[] = [];
function context(): EksContext {
  const store = Store.open(':memory:');
  stores.push(store);
  const clock = new FixedClock('2026-03-01T12:00:00Z');
  const ctx = { store, deps: { clock, random: systemRandom }, config: coreConfig() };
  insertCluster(ctx, { name: 'demo', tags: { team: 'a' } });
  store.roles.put({
    accountId: ACCOUNT, name: 'pod', roleId: newRoleId(systemRandom, ACCOUNT), path: '/', arn: roleArn('aws', ACCOUNT, '/', 'pod'),
    assumeRolePolicy: '{}', description: null, maxSessionDuration: 3600, permissionsBoundary: null, tags: [], createdAt: clock.now(),
  });
  return ctx;
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

/** One resource of each kind eksid tags, and how its Describe shows the tags. */
const resources: [string, (ctx: EksContext) => { arn: string; described: () => Record<string, string> }][] = [
  ['a cluster', (ctx) => ({ arn: CLUSTER_ARN, described: () => describeCluster(ctx, 'demo').tags })],
  ['a Pod Identity association', (ctx) => {
    const a = createPodIdentityAssociation(ctx, { clusterName: 'demo', namespace: 'default', serviceAccount: 'app', roleArn: `arn:aws:iam::${ACCOUNT}:role/pod`, tags: { team: 'a' } });
    return { arn: a.associationArn, described: () => describePodIdentityAssociation(ctx, 'demo', a.associationId).tags };
  }],
  ['an add-on', (ctx) => {
    const a = createAddon(ctx, { clusterName: 'demo', addonName: 'eks-pod-identity-agent', tags: { team: 'a' } });
    return { arn: a.addonArn, described: () => describeAddon(ctx, 'demo', 'eks-pod-identity-agent').tags };
  }],
];

describe.each(resources)('tagging %s', (_kind, make) => {
  it('should add and overwrite tags, keep the others, and show them in Describe', () => {
    const ctx = context();
    const { arn, described } = make(ctx);
    expect(tagResource(ctx, { resourceArn: arn, tags: { team: 'b', env: 'dev' } })).toEqual({});
    expect(listTagsForResource(ctx, arn)).toEqual({ tags: { team: 'b', env: 'dev' } });
    expect(described()).toEqual({ team: 'b', env: 'dev' });
  });

  it('should remove the given keys and ignore keys the resource lacks', () => {
    const ctx = context();
    const { arn, described } = make(ctx);
    tagResource(ctx, { resourceArn: arn, tags: { env: 'dev' } });
    expect(untagResource(ctx, { resourceArn: arn, tagKeys: ['team', 'absent'] })).toEqual({});
    expect(listTagsForResource(ctx, arn)).toEqual({ tags: { env: 'dev' } });
    expect(described()).toEqual({ env: 'dev' });
  });

  it('should refuse more than 50 tags in all with BadRequestException and change nothing', () => {
    const ctx = context();
    const { arn } = make(ctx);
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    expect(() => tagResource(ctx, { resourceArn: arn, tags: fifty })).toThrow(
      expect.objectContaining({ code: 'BadRequestException', status: 400, message: 'A resource can have at most 50 tags' }),
    );
    expect(listTagsForResource(ctx, arn)).toEqual({ tags: { team: 'a' } });
  });

  it('should refuse a reserved aws: key with BadRequestException', () => {
    const ctx = context();
    const { arn } = make(ctx);
    expect(() => tagResource(ctx, { resourceArn: arn, tags: { 'AWS:owner': 'me' } })).toThrow(
      expect.objectContaining({ code: 'BadRequestException', status: 400, message: "Tag keys starting with 'aws:' are reserved for internal use" }),
    );
  });
});

describe('the resource an ARN names', () => {
  it.each([
    ['a cluster eksid does not have', `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/ghost`],
    ['another account', 'arn:aws:eks:us-east-1:111122223333:cluster/demo'],
    ['another region', `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/demo`],
    ['an association eksid does not have', `arn:aws:eks:us-east-1:${ACCOUNT}:podidentityassociation/demo/a-0000000000000000x`],
    ['an add-on by a stale id', `arn:aws:eks:us-east-1:${ACCOUNT}:addon/demo/eks-pod-identity-agent/00000000-0000-0000-0000-000000000000`],
    ['a resource type eksid does not keep', `arn:aws:eks:us-east-1:${ACCOUNT}:nodegroup/demo/ng/1`],
  ])('should answer %s with NotFoundException 404', (_case, arn) => {
    const ctx = context();
    createAddon(ctx, { clusterName: 'demo', addonName: 'eks-pod-identity-agent' });
    for (const call of [() => listTagsForResource(ctx, arn), () => tagResource(ctx, { resourceArn: arn, tags: { a: 'b' } }), () => untagResource(ctx, { resourceArn: arn, tagKeys: ['a'] })]) {
      expect(call).toThrow(expect.objectContaining({ code: 'NotFoundException', status: 404, message: 'Resource was not found' }));
    }
  });

  it.each([['not-an-arn'], ['arn:aws:iam::000000000000:role/demo']])('should answer %s, which is no EKS ARN, with BadRequestException', (arn) => {
    expect(() => listTagsForResource(context(), arn)).toThrow(expect.objectContaining({ code: 'BadRequestException', status: 400, message: `Invalid ARN: ${arn}` }));
  });

  it('should forget the tags with the resource', () => {
    const ctx = context();
    const addon = createAddon(ctx, { clusterName: 'demo', addonName: 'eks-pod-identity-agent' });
    ctx.store.addons.delete(ACCOUNT, 'demo', 'eks-pod-identity-agent');
    expect(() => listTagsForResource(ctx, addon.addonArn)).toThrow('Resource was not found');
  });
});
