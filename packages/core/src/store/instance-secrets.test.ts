import { afterEach, describe, expect, it } from 'vitest';
import { Store } from './store.js';

describe('InstanceSecretRepo', () => {
  let store: Store;
  afterEach(() => store.close());

  it('should create a secret once and return the stored one afterwards', () => {
    store = Store.open(':memory:');
    let made = 0;
    const create = () => `secret-${++made}`;
    expect(store.instanceSecrets.getOrCreate('admin-token', create)).toBe('secret-1');
    expect(store.instanceSecrets.getOrCreate('admin-token', create)).toBe('secret-1');
    expect(made).toBe(1);
    expect(store.instanceSecrets.get('other')).toBeUndefined();
  });

  it('should let an explicit value replace a created one', () => {
    store = Store.open(':memory:');
    store.instanceSecrets.getOrCreate('admin-token', () => 'created');
    store.instanceSecrets.set('admin-token', 'given');
    expect(store.instanceSecrets.get('admin-token')).toBe('given');
  });
});
