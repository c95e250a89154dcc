import { afterEach, describe, expect, it } from 'vitest';
import { coreConfig } from '../config.js';
import { systemDeps } from '../deps.js';
import { Store } from '../store/index.js';
import type { EksContext } from './cluster.js';
import { insertCluster } from './create-cluster.js';
import { eksInput } from './input.js';
import { listClusters } from './list-clusters.js';
import { pageToken } from './page-token.js';

let store: Store | undefined;
function context(names: string[]): EksContext {
  store = Store.open(':memory:');
  const ctx = { store, deps: systemDeps, config: coreConfig() };
  for (const name of names) insertCluster(ctx, { name });
  return ctx;
}
afterEach(() => store?.close());

describe('listClusters', () => {
  it('should list names in order on one page by default', () => {
    expect(listClusters(context(['b', 'a', 'c']))).toEqual({ clusters: ['a', 'b', 'c'] });
  });

  it('should page with maxResults and an opaque nextToken', () => {
    const ctx = context(['a', 'b', 'c']);
    const first = listClusters(ctx, { maxResults: 2 });
    expect(first.clusters).toEqual(['a', 'b']);
    expect(first.nextToken).toBeDefined();
    expect(listClusters(ctx, { maxResults: 2, nextToken: first.nextToken as string })).toEqual({ clusters: ['c'] });
  });

  it('should reject a token it did not issue, another list\'s included', () => {
    const refused = expect.objectContaining({ code: 'InvalidParameterException', status: 400, message: 'The nextToken provided is not valid' });
    expect(() => listClusters(context([]), { nextToken: 'garbage' })).toThrow(refused);
    expect(() => listClusters(context(['a']), { nextToken: pageToken('addon', 'a') })).toThrow(refused);
  });
});

describe('ListClusters input', () => {
  it.each([
    ['0', 'Member must have value greater than or equal to 1'],
    ['101', 'Member must have value less than or equal to 100'],
    ['ten', 'Member must be a number'],
  ])('should reject maxResults=%s', (maxResults, message) => {
    expect(() => eksInput('ListClusters', { query: { maxResults } })).toThrow(message);
  });

  it('should read maxResults and nextToken', () => {
    expect(eksInput('ListClusters', { query: { maxResults: '5', nextToken: 'x' } })).toEqual({ maxResults: 5, nextToken: 'x' });
  });
});

describe('eksInput', () => {
  it('should read an empty nextToken as none', () => {
    expect(eksInput('ListClusters', { query: { nextToken: '' } })).toEqual({});
  });
});
