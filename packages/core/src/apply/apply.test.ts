import { afterEach, describe, expect, it } from 'vitest';
import { coreConfig } from '../config.js';
import { FixedClock, systemRandom } from '../deps.js';
import type { EksContext } from '../eks/index.js';
import { jwksFor } from '../keys/index.js';
import { Store } from '../store/index.js';
import { applyDocument } from './apply.js';
import { parseApplyDocument } from './parse-document.js';

const S3_READ = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::*' }],
};

function demo(): Record<string, unknown> {
  return {
    account: '000000000000',
    clusters: [{ name: 'demo', serviceAccounts: [{ namespace: 'default', name: 'app', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::000000000000:role/demo-app' } }] }],
    oidcProviders: [{ cluster: 'demo', clientIds: ['sts.amazonaws.com'] }],
    roles: [
      { name: 'demo-app', trustPolicy: { irsa: { cluster: 'demo', namespace: 'default', serviceAccount: 'app' } }, policies: { inline: { 's3-read': S3_READ } } },
      { name: 'demo-pod-identity', trustPolicy: { podIdentity: { cluster: 'demo' } }, policies: { managed: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] } },
    ],
  };
}

const stores: Store[] = [];
function context(): EksContext {
  const store = Store.open(':memory:');
  stores.push(store);
  return { store, deps: { clock: new FixedClock('2026-01-01T00:00:00Z'), random: systemRandom }, config: coreConfig() };
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

const apply = (ctx: EksContext, raw: unknown) => applyDocument(ctx, parseApplyDocument(raw));

describe('applyDocument', () => {
  it('should create every declared resource, then report all unchanged on a second run', async () => {
    const ctx = context();
    const first = await apply(ctx, demo());
    expect(first).toMatchObject({ created: 5, updated: 0, unchanged: 0 });
    expect(first.changes.map((c) => `${c.kind} ${c.name} ${c.action}`)).toEqual([
      'cluster demo created',
      'serviceAccount demo/default/app created',
      expect.stringMatching(/^oidcProvider arn:aws:iam::000000000000:oidc-provider\/127\.0\.0\.1:4599\/id\/[0-9A-F]{32} created$/),
      'role demo-app created',
      'role demo-pod-identity created',
    ]);
    const second = await apply(ctx, demo());
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  it('should write the standard IRSA trust policy for the cluster issuer', async () => {
    const ctx = context();
    await apply(ctx, demo());
    const oidcId = ctx.store.clusters.get('000000000000', 'demo')?.oidcId;
    const trust = JSON.parse(ctx.store.roles.get('000000000000', 'demo-app')?.assumeRolePolicy ?? '{}');
    const provider = `127.0.0.1:4599/id/${oidcId}`;
    expect(trust.Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::000000000000:oidc-provider/${provider}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${provider}:aud`]: 'sts.amazonaws.com', [`${provider}:sub`]: 'system:serviceaccount:default:app' } },
    });
    expect(ctx.store.policies.getInline('000000000000', 'demo-app', 's3-read')?.document).toBe(JSON.stringify(S3_READ));
    expect(ctx.store.policies.attachedToRole('000000000000', 'demo-pod-identity')).toEqual(['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
  });

  it('should give each declared cluster a signing key', async () => {
    const ctx = context();
    await apply(ctx, demo());
    expect(jwksFor(ctx.store, ctx.deps, 'demo').keys).toHaveLength(1);
  });

  it('should converge changed resources and say what changed', async () => {
    const ctx = context();
    await apply(ctx, demo());
    const changed = demo();
    const roles = changed['roles'] as Record<string, unknown>[];
    roles[0] = { ...roles[0], description: 'app role', policies: { inline: {} } };
    (changed['oidcProviders'] as Record<string, unknown>[])[0] = { cluster: 'demo', clientIds: ['sts.amazonaws.com', 'other'] };
    const summary = await apply(ctx, changed);
    expect(summary.changes.filter((c) => c.action === 'updated')).toEqual([
      expect.objectContaining({ kind: 'oidcProvider', details: ['clientIds'] }),
      { kind: 'role', name: 'demo-app', action: 'updated', details: ['description', 'removed inline policy s3-read'] },
    ]);
    expect(ctx.store.policies.listInline('000000000000', 'demo-app')).toEqual([]);
  });

  it('should tag roles and converge their tags', async () => {
    const ctx = context();
    const role = (tags: Record<string, string>) => ({ roles: [{ name: 'r', tags, trustPolicy: { podIdentity: {} } }] });
    await apply(ctx, role({ team: 'a', env: 'dev' }));
    expect((await apply(ctx, role({ team: 'b' }))).changes).toEqual([{ kind: 'role', name: 'r', action: 'updated', details: ['tags'] }]);
    expect(ctx.store.roles.get('000000000000', 'r')?.tags).toEqual([{ Key: 'team', Value: 'b' }]);
    expect((await apply(ctx, role({ team: 'b' }))).unchanged).toBe(1);
  });

  it('should apply nothing when any part fails, and name the failing path', async () => {
    const ctx = context();
    const bad = demo();
    (bad['roles'] as Record<string, unknown>[])[1] = { name: 'broken', trustPolicy: { Statement: 'nope' } };
    await expect(apply(ctx, bad)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^roles\[1\]: /) });
    expect(ctx.store.clusters.list('000000000000')).toEqual([]);
    expect(ctx.store.roles.get('000000000000', 'demo-app')).toBeUndefined();
  });

  it.each([
    [{ oidcProviders: [{ cluster: 'ghost' }] }, "oidcProviders[0].cluster: no cluster named 'ghost' (declare it under clusters)"],
    [{ roles: [{ name: 'r', trustPolicy: { irsa: { cluster: 'ghost', serviceAccount: 'a' } } }] }, "roles[0].trustPolicy.irsa.cluster: no cluster named 'ghost'"],
    [{ account: '111111111111' }, 'account: this eksid serves account 000000000000, not 111111111111'],
    [{ clusters: [{ name: '-x' }] }, 'clusters[0]: 1 validation error detected'],
    [{ roles: [{ name: 'r', tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])), trustPolicy: { podIdentity: {} } }] }, 'roles[0]: The number of tags has reached the maximum limit of 50.'],
  ])('should refuse %j', async (raw, message) => {
    await expect(apply(context(), raw)).rejects.toThrow(message);
  });
});
