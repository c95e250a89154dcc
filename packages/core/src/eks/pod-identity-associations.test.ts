import { afterEach, describe, expect, it } from 'vitest';
import { coreConfig } from '../config.js';
import { FixedClock, systemRandom } from '../deps.js';
import { newRoleId, roleArn } from '../ids/index.js';
import { Store } from '../store/index.js';
import type { EksContext } from './cluster.js';
import { insertCluster } from './create-cluster.js';
import { createPodIdentityAssociation } from './create-pod-identity-association.js';
import { deleteCluster } from './delete-cluster.js';
import type { CreatePodIdentityAssociationInput } from './parse-pod-identity-association.js';
import {
  deletePodIdentityAssociation,
  describePodIdentityAssociation,
  listPodIdentityAssociations,
  updatePodIdentityAssociation,
} from './pod-identity-associations.js';

const ACCOUNT = '000000000000';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/pod-role`;
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/other-role`;
const TARGET = 'arn:aws:iam::222233334444:role/target';

const stores: Store[] = [];
function context(): EksContext & { clock: FixedClock } {
  const store = Store.open(':memory:');
  stores.push(store);
  const clock = new FixedClock('2026-03-01T12:00:00.250Z');
  const ctx = { store, clock, deps: { clock, random: systemRandom }, config: coreConfig() };
  insertCluster(ctx, { name: 'demo' });
  for (const name of ['pod-role', 'other-role']) {
    store.roles.put({
      accountId: ACCOUNT, name, roleId: newRoleId(systemRandom, ACCOUNT), path: '/', arn: roleArn('aws', ACCOUNT, '/', name),
      assumeRolePolicy: '{}', description: null, maxSessionDuration: 3600, permissionsBoundary: null, tags: [], createdAt: clock.now(),
    });
  }
  return ctx;
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

const input = (over: Partial<CreatePodIdentityAssociationInput> = {}): CreatePodIdentityAssociationInput => ({
  clusterName: 'demo', namespace: 'default', serviceAccount: 'app', roleArn: ROLE, ...over,
});

describe('createPodIdentityAssociation', () => {
  it('should answer with the association in the EKS shape', () => {
    const a = createPodIdentityAssociation(context(), input({ tags: { team: 'a' } }));
    expect(a).toEqual({
      clusterName: 'demo',
      namespace: 'default',
      serviceAccount: 'app',
      roleArn: ROLE,
      associationArn: `arn:aws:eks:us-east-1:${ACCOUNT}:podidentityassociation/demo/${a.associationId}`,
      associationId: expect.stringMatching(/^a-[a-z0-9]{17}$/),
      tags: { team: 'a' },
      createdAt: 1772366400.25,
      modifiedAt: 1772366400.25,
      disableSessionTags: false,
    });
  });

  it('should refuse a second association of the same service account with ResourceInUseException 409', () => {
    const ctx = context();
    const first = createPodIdentityAssociation(ctx, input());
    expect(() => createPodIdentityAssociation(ctx, input({ roleArn: OTHER_ROLE }))).toThrow(
      expect.objectContaining({ code: 'ResourceInUseException', status: 409, message: `Association already exists: ${first.associationId}` }),
    );
  });

  it('should answer a retry with the same clientRequestToken with the first association', () => {
    const ctx = context();
    const first = createPodIdentityAssociation(ctx, input({ clientRequestToken: 't-1' }));
    expect(createPodIdentityAssociation(ctx, input({ clientRequestToken: 't-1' }))).toEqual(first);
    expect(() => createPodIdentityAssociation(ctx, input({ clientRequestToken: 't-2' }))).toThrow('Association already exists');
  });

  it.each([
    ['another service account', { serviceAccount: 'other' }],
    ['another role', { roleArn: OTHER_ROLE }],
    ['other tags', { tags: { team: 'b' } }],
  ])('should refuse a clientRequestToken reused with %s and create nothing', (_case, over) => {
    const ctx = context();
    createPodIdentityAssociation(ctx, input({ clientRequestToken: 't-1' }));
    expect(() => createPodIdentityAssociation(ctx, input({ clientRequestToken: 't-1', ...over }))).toThrow(expect.objectContaining({
      code: 'InvalidRequestException',
      status: 400,
      message: 'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
    }));
    expect(listPodIdentityAssociations(ctx, { clusterName: 'demo' }).associations).toHaveLength(1);
  });

  it('should answer a retry after an update with the association as it is now', () => {
    const ctx = context();
    const first = createPodIdentityAssociation(ctx, input({ clientRequestToken: 't-1', tags: { a: '1' } }));
    updatePodIdentityAssociation(ctx, { clusterName: 'demo', associationId: first.associationId, roleArn: OTHER_ROLE });
    expect(createPodIdentityAssociation(ctx, input({ clientRequestToken: 't-1', tags: { a: '1' } }))).toMatchObject({ associationId: first.associationId, roleArn: OTHER_ROLE });
  });

  it('should generate the externalId EKS passes to a target role', () => {
    const a = createPodIdentityAssociation(context(), input({ targetRoleArn: TARGET }));
    expect(a).toMatchObject({ targetRoleArn: TARGET, externalId: `us-east-1/${ACCOUNT}/demo/default/app` });
  });

  it.each([
    [{ clusterName: 'nope' }, 'ResourceNotFoundException', 'No cluster found for name: nope.'],
    [{ roleArn: `arn:aws:iam::${ACCOUNT}:role/missing` }, 'InvalidParameterException', 'Role provided in the request does not exist'],
    [{ roleArn: 'arn:aws:iam::111122223333:role/pod-role' }, 'InvalidParameterException', 'must be in the same account as the cluster'],
    [{ roleArn: 'pod-role' }, 'InvalidParameterException', "Invalid roleArn: 'pod-role'"],
    [{ targetRoleArn: 'arn:aws:s3:::bucket' }, 'InvalidParameterException', 'Invalid targetRoleArn'],
    [{ policy: '{"Version":"2012-10-17","Statement":[]}' }, 'InvalidParameterException', 'disableSessionTags must be set to true'],
    [{ policy: 'nope', disableSessionTags: true }, 'InvalidParameterException', 'not a valid IAM policy document'],
    [{ namespace: 'Default' }, 'InvalidParameterException', 'is not a valid namespace'],
  ])('should refuse %j with %s', (over, code, message) => {
    expect(() => createPodIdentityAssociation(context(), input(over))).toThrow(expect.objectContaining({ code }));
    expect(() => createPodIdentityAssociation(context(), input(over))).toThrow(message);
  });

  it('should accept a policy with disableSessionTags', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    expect(createPodIdentityAssociation(context(), input({ policy, disableSessionTags: true }))).toMatchObject({ policy, disableSessionTags: true });
  });
});

describe('describe/update/deletePodIdentityAssociation', () => {
  it('should describe, update the role and target, then delete answering with the last state', () => {
    const ctx = context();
    const created = createPodIdentityAssociation(ctx, input());
    expect(describePodIdentityAssociation(ctx, 'demo', created.associationId)).toEqual(created);
    ctx.clock.advance(60);
    const updated = updatePodIdentityAssociation(ctx, { clusterName: 'demo', associationId: created.associationId, roleArn: OTHER_ROLE, targetRoleArn: TARGET });
    expect(updated).toEqual({ ...created, roleArn: OTHER_ROLE, targetRoleArn: TARGET, externalId: `us-east-1/${ACCOUNT}/demo/default/app`, modifiedAt: created.createdAt + 60 });
    const cleared = updatePodIdentityAssociation(ctx, { clusterName: 'demo', associationId: created.associationId, targetRoleArn: '' });
    expect(cleared).not.toHaveProperty('externalId');
    expect(deletePodIdentityAssociation(ctx, 'demo', created.associationId)).toEqual(cleared);
    expect(() => describePodIdentityAssociation(ctx, 'demo', created.associationId)).toThrow(expect.objectContaining({ code: 'ResourceNotFoundException', status: 404 }));
  });

  it.each([
    ['a-short', 'InvalidParameterException', 'The parameter associationId should be 19 characters long.'],
    ['a-0000000000000000x', 'ResourceNotFoundException', 'No Pod Identity Association found for id: a-0000000000000000x.'],
  ])('should answer the id %s with %s', (id, code, message) => {
    const ctx = context();
    for (const call of [
      () => describePodIdentityAssociation(ctx, 'demo', id),
      () => deletePodIdentityAssociation(ctx, 'demo', id),
      () => updatePodIdentityAssociation(ctx, { clusterName: 'demo', associationId: id, roleArn: ROLE }),
    ]) expect(call).toThrow(expect.objectContaining({ code, message }));
  });

  it('should refuse an update that would leave a policy with session tags on', () => {
    const ctx = context();
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const a = createPodIdentityAssociation(ctx, input({ policy, disableSessionTags: true }));
    expect(() => updatePodIdentityAssociation(ctx, { clusterName: 'demo', associationId: a.associationId, disableSessionTags: false })).toThrow('disableSessionTags must be set to true');
  });

  it('should forget a cluster\'s associations when the cluster is deleted', () => {
    const ctx = context();
    createPodIdentityAssociation(ctx, input());
    deleteCluster(ctx, 'demo');
    insertCluster(ctx, { name: 'demo' });
    expect(listPodIdentityAssociations(ctx, { clusterName: 'demo' })).toEqual({ associations: [] });
  });
});

describe('listPodIdentityAssociations', () => {
  function three(ctx: EksContext & { clock: FixedClock }): string[] {
    return [['default', 'a'], ['payments', 'a'], ['payments', 'b']].map(([namespace, serviceAccount]) => {
      ctx.clock.advance(1);
      return createPodIdentityAssociation(ctx, input({ namespace, serviceAccount })).associationId;
    });
  }

  it('should list summaries in creation order, filtered by namespace and service account', () => {
    const ctx = context();
    const ids = three(ctx);
    const all = listPodIdentityAssociations(ctx, { clusterName: 'demo' });
    expect(all.associations.map((a) => a.associationId)).toEqual(ids);
    expect(Object.keys(all.associations[0] ?? {})).toEqual(['clusterName', 'namespace', 'serviceAccount', 'associationArn', 'associationId']);
    expect(listPodIdentityAssociations(ctx, { clusterName: 'demo', namespace: 'payments' }).associations.map((a) => a.associationId)).toEqual(ids.slice(1));
    expect(listPodIdentityAssociations(ctx, { clusterName: 'demo', namespace: 'payments', serviceAccount: 'b' }).associations.map((a) => a.associationId)).toEqual([ids[2]]);
  });

  it('should page with maxResults and an opaque nextToken, skipping nothing when a listed one is deleted', () => {
    const ctx = context();
    const ids = three(ctx);
    const first = listPodIdentityAssociations(ctx, { clusterName: 'demo', maxResults: 2 });
    expect(first.associations.map((a) => a.associationId)).toEqual(ids.slice(0, 2));
    deletePodIdentityAssociation(ctx, 'demo', ids[0] as string);
    const second = listPodIdentityAssociations(ctx, { clusterName: 'demo', maxResults: 2, nextToken: first.nextToken as string });
    expect(second).toEqual({ associations: [expect.objectContaining({ associationId: ids[2] })] });
  });

  it('should refuse a token it did not issue and an unknown cluster', () => {
    const ctx = context();
    expect(() => listPodIdentityAssociations(ctx, { clusterName: 'demo', nextToken: 'garbage' })).toThrow(expect.objectContaining({ code: 'InvalidParameterException' }));
    expect(() => listPodIdentityAssociations(ctx, { clusterName: 'nope' })).toThrow(expect.objectContaining({ code: 'ResourceNotFoundException' }));
  });
});
