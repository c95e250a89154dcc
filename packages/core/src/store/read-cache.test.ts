import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache.js';
import { Store } from './store.js';
import type { PodIdentityAssociationRecord, RoleRecord } from './types.js';

const ACCOUNT = '000000000000';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app`;
const T0 = new Date('2026-01-01T00:00:00Z');
const LATER = new Date('2026-01-05T00:00:00Z');

const role = (over: Partial<RoleRecord> = {}): RoleRecord => ({
  accountId: ACCOUNT, name: 'app', roleId: 'AROAEXAMPLE000000001', path: '/', arn: ROLE_ARN, assumeRolePolicy: '{"v":1}',
  description: null, maxSessionDuration: 3600, permissionsBoundary: null, tags: [], createdAt: T0, ...over,
});
const provider = (clientIds: string[]) => ({ arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/issuer`, accountId: ACCOUNT, url: 'issuer', clientIds, thumbprints: [], tags: [], createdAt: T0 });
const cluster = { accountId: ACCOUNT, name: 'demo', arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/demo`, oidcId: 'ABC', createdAt: T0, spec: { version: '1.31' } };
const key = { kid: 'k1', clusterName: 'demo', alg: 'RS256', privateJwk: {}, publicJwk: { n: 'x' }, createdAt: T0, retiredAt: null, publishUntil: null };
const association = (roleArn = ROLE_ARN): PodIdentityAssociationRecord => ({
  associationId: 'a-1', accountId: ACCOUNT, clusterName: 'demo', namespace: 'default', serviceAccount: 'app', roleArn,
  associationArn: `arn:aws:eks:us-east-1:${ACCOUNT}:podidentityassociation/demo/a-1`, tags: {}, disableSessionTags: false, targetRoleArn: null,
  externalId: null, policy: null, ownerArn: null, clientRequestToken: null, requestDigest: null, createdAt: T0, modifiedAt: T0,
});

/** A store with one of everything the cache remembers. */
function seeded(): Store {
  const store = Store.open(':memory:');
  store.roles.put(role());
  store.oidcProviders.put(provider(['sts.amazonaws.com']));
  store.clusters.insert(cluster);
  store.signingKeys.insert(key);
  store.podIdentityAssociations.put(association());
  return store;
}

/** Every cached read, as one value to compare before and after a write. */
const reads = (store: Store) => ({
  policy: store.roles.byArn(ROLE_ARN)?.assumeRolePolicy,
  clientIds: store.oidcProviders.byUrl(ACCOUNT, 'issuer')?.clientIds,
  spec: store.clusters.get(ACCOUNT, 'demo')?.spec,
  clusterByOidcId: store.clusters.nameByOidcId('ABC'),
  jwk: store.signingKeys.publishedPublicJwk('demo', 'k1', LATER),
  associationRole: store.podIdentityAssociations.forServiceAccount(ACCOUNT, 'demo', 'default', 'app')?.roleArn,
});
const SEEDED = { policy: '{"v":1}', clientIds: ['sts.amazonaws.com'], spec: { version: '1.31' }, clusterByOidcId: 'demo', jwk: '{"n":"x"}', associationRole: ROLE_ARN };

describe('ReadCache', () => {
  it('should answer a repeated read from memory, not the database', () => {
    const store = seeded();
    expect(reads(store)).toEqual(SEEDED);
    store.db.prepare('UPDATE roles SET assume_role_policy = ?').run('{"v":"behind the repo"}');
    expect(store.roles.byArn(ROLE_ARN)?.assumeRolePolicy).toBe('{"v":1}');
  });

  it.each<[string, (store: Store) => void, Partial<typeof SEEDED>]>([
    ['roles.put (UpdateAssumeRolePolicy)', (s) => s.roles.put(role({ assumeRolePolicy: '{"v":2}' })), { policy: '{"v":2}' }],
    ['roles.delete', (s) => s.roles.delete(ACCOUNT, 'app'), { policy: undefined }],
    ['oidcProviders.put', (s) => s.oidcProviders.put(provider(['other'])), { clientIds: ['other'] }],
    ['oidcProviders.delete', (s) => s.oidcProviders.delete(provider([]).arn), { clientIds: undefined }],
    ['clusters.updateSpec', (s) => s.clusters.updateSpec(ACCOUNT, 'demo', { version: '1.32' }), { spec: { version: '1.32' } }],
    ['clusters.delete, which drops the keys too', (s) => s.clusters.delete(ACCOUNT, 'demo'), { spec: undefined, clusterByOidcId: undefined, jwk: undefined }],
    ['signingKeys.retire', (s) => s.signingKeys.retire('k1', T0, new Date('2026-01-02T00:00:00Z')), { jwk: undefined }],
    ['signingKeys.prune', (s) => { s.signingKeys.retire('k1', T0, T0); s.signingKeys.prune(T0); }, { jwk: undefined }],
    ['podIdentityAssociations.put (UpdatePodIdentityAssociation)', (s) => s.podIdentityAssociations.put(association('arn:aws:iam::000000000000:role/other')), { associationRole: 'arn:aws:iam::000000000000:role/other' }],
    ['podIdentityAssociations.delete', (s) => s.podIdentityAssociations.delete(ACCOUNT, 'demo', 'a-1'), { associationRole: undefined }],
    ['podIdentityAssociations.deleteForCluster', (s) => s.podIdentityAssociations.deleteForCluster(ACCOUNT, 'demo'), { associationRole: undefined }],
  ])('should show the next read what %s wrote', (_write, write, changed) => {
    const store = seeded();
    expect(reads(store)).toEqual(SEEDED);
    write(store);
    expect(reads(store)).toEqual({ ...SEEDED, ...changed });
  });

  it('should forget a remembered miss when the row is written', () => {
    const store = Store.open(':memory:');
    expect(reads(store)).toEqual({ policy: undefined, clientIds: undefined, spec: undefined, clusterByOidcId: undefined, jwk: undefined, associationRole: undefined });
    store.roles.put(role());
    store.oidcProviders.put(provider(['sts.amazonaws.com']));
    store.clusters.insert(cluster);
    store.signingKeys.insert(key);
    store.podIdentityAssociations.put(association());
    expect(reads(store)).toEqual(SEEDED);
  });

  it('should not remember what a transaction read, which its rollback may take back', () => {
    const store = seeded();
    expect(() => store.transaction(() => {
      store.roles.put(role({ assumeRolePolicy: '{"v":"rolled back"}' }));
      expect(store.roles.byArn(ROLE_ARN)?.assumeRolePolicy).toBe('{"v":"rolled back"}');
      throw new Error('abort');
    })).toThrow('abort');
    expect(store.roles.byArn(ROLE_ARN)?.assumeRolePolicy).toBe('{"v":1}');
  });

  it('should freeze what it remembers, since every caller shares it', () => {
    const store = seeded();
    const record = store.roles.byArn(ROLE_ARN) as RoleRecord;
    expect(() => record.tags.push({ Key: 'k', Value: 'v' })).toThrow(TypeError);
    expect(() => Object.assign(record, { assumeRolePolicy: '{}' })).toThrow(TypeError);
  });

  it('should start over past its bound, so reads of made-up names cannot grow it forever', () => {
    const store = Store.open(':memory:');
    const cache = new ReadCache(store.db, 2);
    let loads = 0;
    const read = (key: string) => cache.get(key, () => ++loads);
    expect([read('a'), read('b'), read('a')]).toEqual([1, 2, 1]);
    read('c');
    expect(read('a')).toBe(4);
  });
});
