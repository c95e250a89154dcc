// The ServiceAccount informer against a server speaking the Kubernetes list/watch protocol.
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startServiceAccountInformer } from '../src/index.js';
import type { ServiceAccountInformer } from '../src/cache/index.js';
import { FakeKubeApi } from './support/fake-kube-api.js';

const ROLE = { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::000000000000:role/reader' };
let api: FakeKubeApi;
let informer: ServiceAccountInformer;

function kubeConfig(server: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'fake', server, skipTLSVerify: true }],
    users: [{ name: 'me' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'me' }],
    currentContext: 'fake',
  });
  return kc;
}

async function startInformer(lookupTimeoutMs = 1000): Promise<void> {
  informer = await startServiceAccountInformer(kubeConfig(await api.start()), { lookupTimeoutMs, restartDelayMs: 20 });
}

const waitFor = (check: () => void): Promise<void> => vi.waitFor(check, { timeout: 5000, interval: 10 });

beforeEach(() => {
  api = new FakeKubeApi();
  api.put('default', 'reader', ROLE);
  api.put('kube-system', 'other', {});
});

afterEach(async () => {
  await informer.close();
  await api.close();
});

describe('startServiceAccountInformer', () => {
  it('lists every namespace, then watches from the list\'s resourceVersion', async () => {
    await startInformer();
    await waitFor(() => expect(informer.cache.size).toBe(2));
    expect(informer.cache.peek('default', 'reader')).toEqual(ROLE);
    await waitFor(() => expect(api.requests).toEqual(['list', 'watch 102']));
  });

  it('applies ADDED, MODIFIED and DELETED events from the chunked watch stream', async () => {
    await startInformer();
    await waitFor(() => expect(api.requests).toContain('watch 102'));
    api.put('apps', 'new', { 'eks.amazonaws.com/audience': 'a' });
    api.put('default', 'reader', { 'eks.amazonaws.com/role-arn': 'changed' });
    api.remove('kube-system', 'other');
    await waitFor(() => {
      expect(informer.cache.peek('apps', 'new')).toEqual({ 'eks.amazonaws.com/audience': 'a' });
      expect(informer.cache.peek('default', 'reader')).toEqual({ 'eks.amazonaws.com/role-arn': 'changed' });
      expect(informer.cache.peek('kube-system', 'other')).toBeUndefined();
    });
  });

  it('re-lists after a watch answered 410 Gone', async () => {
    api.goneOnNextWatch = true;
    await startInformer();
    await waitFor(() => expect(api.listCount).toBe(2));
    await waitFor(() => expect(api.requests.at(-1)).toBe('watch 102'));
    expect(informer.cache.size).toBe(2);
  });

  it('re-lists after a 410 ERROR event and drops what disappeared meanwhile', async () => {
    await startInformer();
    await waitFor(() => expect(api.requests).toContain('watch 102'));
    api.remove('kube-system', 'other', false);
    api.put('apps', 'late', ROLE, false);
    api.expireWatches();
    await waitFor(() => {
      expect(api.listCount).toBe(2);
      expect(informer.cache.peek('kube-system', 'other')).toBeUndefined();
      expect(informer.cache.peek('apps', 'late')).toEqual(ROLE);
    });
  });

  it('looks up a service account the informer has not seen yet instead of missing it (upstream #174/#264)', async () => {
    await startInformer();
    await waitFor(() => expect(api.requests).toContain('watch 102'));
    api.put('apps', 'fresh', ROLE, false);
    await expect(informer.cache.get('apps', 'fresh')).resolves.toEqual(ROLE);
    expect(api.requests).toContain('get apps/fresh');
    await expect(informer.cache.get('apps', 'missing')).resolves.toBeUndefined();
  });

  it('gives up on a slow direct lookup after the timeout', async () => {
    await startInformer(100);
    await waitFor(() => expect(api.requests).toContain('watch 102'));
    api.getDelayMs = 2000;
    api.put('apps', 'slow', ROLE, false);
    const started = Date.now();
    await expect(informer.cache.get('apps', 'slow')).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('keeps answering from its cache through an API outage and catches up afterwards', async () => {
    await startInformer(200);
    await waitFor(() => expect(api.requests).toContain('watch 102'));
    api.down = true;
    api.endWatches();
    await waitFor(() => expect(api.requests.filter((r) => r === 'unavailable').length).toBeGreaterThan(2));
    await expect(informer.cache.get('default', 'reader')).resolves.toEqual(ROLE);
    await expect(informer.cache.get('apps', 'unknown')).resolves.toBeUndefined();
    api.down = false;
    api.put('apps', 'after', ROLE);
    await waitFor(() => expect(informer.cache.peek('apps', 'after')).toEqual(ROLE));
    expect(informer.cache.peek('default', 'reader')).toEqual(ROLE);
  });
});
