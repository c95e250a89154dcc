import { describe, expect, it } from 'vitest';
import { Store } from './store.js';
import type { RoleRecord } from './types.js';

const role = (over: Partial<RoleRecord> = {}): RoleRecord => ({
  accountId: '000000000000',
  name: 'App',
  roleId: 'AROAEXAMPLE000000001',
  path: '/',
  arn: 'arn:aws:iam::000000000000:role/App',
  assumeRolePolicy: '{}',
  description: null,
  maxSessionDuration: 3600,
  permissionsBoundary: null,
  tags: [],
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...over,
});

describe('RoleRepo', () => {
  it('should find roles by name case-insensitively, as IAM names are', () => {
    const store = Store.open(':memory:');
    store.roles.put(role());
    expect(store.roles.get('000000000000', 'app')?.arn).toBe('arn:aws:iam::000000000000:role/App');
  });

  it('should keep role id and creation date when a role is overwritten', () => {
    const store = Store.open(':memory:');
    store.roles.put(role());
    store.roles.put(role({ roleId: 'AROAOTHER', createdAt: new Date('2027-01-01T00:00:00Z'), description: 'new' }));
    const got = store.roles.get('000000000000', 'App');
    expect(got?.roleId).toBe('AROAEXAMPLE000000001');
    expect(got?.description).toBe('new');
  });

  it('should list by path prefix in name order', () => {
    const store = Store.open(':memory:');
    store.roles.put(role({ name: 'b', roleId: 'R1', arn: 'a1', path: '/team/' }));
    store.roles.put(role({ name: 'a', roleId: 'R2', arn: 'a2', path: '/team/' }));
    store.roles.put(role({ name: 'c', roleId: 'R3', arn: 'a3', path: '/' }));
    expect(store.roles.list('000000000000', '/team/').map((r) => r.name)).toEqual(['a', 'b']);
    expect(store.roles.list('000000000000').map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });
});

describe('SigningKeyRepo', () => {
  it('should publish a retired key until its publish-until time only', () => {
    const store = Store.open(':memory:');
    const base = { clusterName: 'demo', alg: 'RS256', privateJwk: {}, publicJwk: {}, retiredAt: null, publishUntil: null };
    store.signingKeys.insert({ ...base, kid: 'old', createdAt: new Date('2026-01-01T00:00:00Z') });
    store.signingKeys.insert({ ...base, kid: 'new', createdAt: new Date('2026-01-02T00:00:00Z') });
    store.signingKeys.retire('old', new Date('2026-01-02T00:00:00Z'), new Date('2026-01-03T00:00:00Z'));
    expect(store.signingKeys.active('demo')?.kid).toBe('new');
    expect(store.signingKeys.published('demo', new Date('2026-01-02T12:00:00Z')).map((k) => k.kid)).toEqual(['new', 'old']);
    expect(store.signingKeys.published('demo', new Date('2026-01-03T00:00:01Z')).map((k) => k.kid)).toEqual(['new']);
    expect(store.signingKeys.publishedPublicJwk('demo', 'old', new Date('2026-01-02T12:00:00Z'))).toBe('{}');
    expect(store.signingKeys.publishedPublicJwk('demo', 'old', new Date('2026-01-03T00:00:01Z'))).toBeUndefined();
    expect(store.signingKeys.publishedPublicJwk('other', 'new', new Date('2026-01-02T12:00:00Z'))).toBeUndefined();
    expect(store.signingKeys.prune(new Date('2026-01-03T00:00:01Z'))).toBe(1);
  });
});

describe('PolicyRepo', () => {
  it('should count attachments and list them per role', () => {
    const store = Store.open(':memory:');
    store.policies.attach('000000000000', 'App', 'arn:aws:iam::aws:policy/ReadOnlyAccess');
    store.policies.attach('000000000000', 'App', 'arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(store.policies.attachedToRole('000000000000', 'app')).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(store.policies.attachmentCount('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe(1);
    expect(store.policies.detach('000000000000', 'App', 'arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe(true);
    expect(store.policies.attachmentCount('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe(0);
  });
});

describe('PodIdentityAssociationRepo', () => {
  const association = (id: string, namespace: string, serviceAccount: string) => ({
    associationId: id,
    accountId: '000000000000',
    clusterName: 'demo',
    namespace,
    serviceAccount,
    roleArn: 'arn:aws:iam::000000000000:role/r',
    associationArn: `arn:aws:eks:us-east-1:000000000000:podidentityassociation/demo/${id}`,
    tags: { team: 'a' },
    disableSessionTags: false,
    targetRoleArn: null,
    externalId: null,
    policy: null,
    ownerArn: null,
    clientRequestToken: null,
    requestDigest: null,
    createdAt: new Date(`2026-01-01T00:00:0${id.slice(-1)}Z`),
    modifiedAt: new Date('2026-01-01T00:00:00Z'),
  });

  it('should allow one association per cluster, namespace and service account', () => {
    const store = Store.open(':memory:');
    store.podIdentityAssociations.put(association('a-1', 'default', 'app'));
    expect(() => store.podIdentityAssociations.put(association('a-2', 'default', 'app'))).toThrow(/UNIQUE/);
  });

  it('should find by service account and filter lists by namespace and service account', () => {
    const store = Store.open(':memory:');
    store.podIdentityAssociations.put(association('a-1', 'default', 'app'));
    store.podIdentityAssociations.put(association('a-2', 'payments', 'app'));
    store.podIdentityAssociations.put(association('a-3', 'payments', 'api'));
    expect(store.podIdentityAssociations.forServiceAccount('000000000000', 'demo', 'payments', 'api')?.associationId).toBe('a-3');
    expect(store.podIdentityAssociations.list('000000000000', 'demo', { namespace: 'payments' }).map((a) => a.associationId)).toEqual(['a-2', 'a-3']);
    expect(store.podIdentityAssociations.list('000000000000', 'demo', { serviceAccount: 'app' }).map((a) => a.associationId)).toEqual(['a-1', 'a-2']);
    expect(store.podIdentityAssociations.get('000000000000', 'demo', 'a-1')?.tags).toEqual({ team: 'a' });
    expect(store.podIdentityAssociations.delete('000000000000', 'demo', 'a-1')).toBe(true);
    expect(store.podIdentityAssociations.deleteForCluster('000000000000', 'demo')).toBe(2);
  });
});

describe('ClusterRepo', () => {
  it('should find a cluster and its name by OIDC id', () => {
    const store = Store.open(':memory:');
    store.clusters.insert({ accountId: '000000000000', name: 'demo', arn: 'arn:aws:eks:us-east-1:000000000000:cluster/demo', oidcId: 'ABC', createdAt: new Date(), spec: { version: '1.31' } });
    expect(store.clusters.byOidcId('ABC')?.spec).toEqual({ version: '1.31' });
    expect(store.clusters.nameByOidcId('ABC')).toBe('demo');
    expect(store.clusters.nameByOidcId('XYZ')).toBeUndefined();
  });
});
