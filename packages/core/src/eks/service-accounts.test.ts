import { afterEach, describe, expect, it } from 'vitest';
import { coreConfig } from '../config.js';
import { systemDeps } from '../deps.js';
import { Store } from '../store/index.js';
import type { EksContext } from './cluster.js';
import { insertCluster } from './create-cluster.js';
import { putServiceAccount, serviceAccountNameProblem } from './service-accounts.js';

let store: Store | undefined;
function context(): EksContext {
  store = Store.open(':memory:');
  const ctx = { store, deps: systemDeps, config: coreConfig() };
  insertCluster(ctx, { name: 'demo' });
  return ctx;
}
afterEach(() => store?.close());

const ROLE = { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::000000000000:role/app' };

describe('putServiceAccount', () => {
  it('should create, then report unchanged, then update annotations keeping the uid', () => {
    const ctx = context();
    const first = putServiceAccount(ctx, { clusterName: 'demo', namespace: 'default', name: 'app', annotations: ROLE });
    expect(first.action).toBe('created');
    expect(putServiceAccount(ctx, { clusterName: 'demo', namespace: 'default', name: 'app', annotations: { ...ROLE } }).action).toBe('unchanged');
    const third = putServiceAccount(ctx, { clusterName: 'demo', namespace: 'default', name: 'app', annotations: {} });
    expect(third.action).toBe('updated');
    expect(third.serviceAccount).toEqual({ ...first.serviceAccount, annotations: {} });
  });

  it('should refuse a service account of an unknown cluster', () => {
    expect(() => putServiceAccount(context(), { clusterName: 'nope', namespace: 'default', name: 'app', annotations: {} })).toThrow('No cluster found for name: nope.');
  });

  it('should refuse names Kubernetes would refuse', () => {
    expect(() => putServiceAccount(context(), { clusterName: 'demo', namespace: 'Default', name: 'app', annotations: {} })).toThrow(
      expect.objectContaining({ code: 'InvalidParameterException' }),
    );
  });
});

describe('serviceAccountNameProblem', () => {
  it.each([
    ['namespace', 'kube-system', false],
    ['namespace', 'a.b', true],
    ['namespace', 'x'.repeat(64), true],
    ['name', 'my.app-1', false],
    ['name', 'App', true],
    ['name', '-app', true],
  ] as const)('should judge %s %s (problem: %s)', (kind, value, bad) => {
    expect(serviceAccountNameProblem(kind, value) !== undefined).toBe(bad);
  });
});
