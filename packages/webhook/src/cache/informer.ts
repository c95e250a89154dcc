// List+watch of ServiceAccounts in all namespaces (upstream uses a client-go shared informer).
// @kubernetes/client-node's ListWatch does the protocol: list with resourceVersion, watch from
// it, re-list on 410 Gone. It stops on other errors, so we restart it after a delay; the cache
// keeps its entries meanwhile, which is how an API outage is survived.
import { createLogger } from '@eksid/core/log';
import type { Logger } from '@eksid/core/log';
import type { KubeConfig, V1ServiceAccount } from '@kubernetes/client-node';
import type { Annotations } from '../mutate/index.js';
import { ServiceAccountCache } from './service-account-cache.js';

export interface InformerOptions {
  /** Bound on a cache miss (direct GET / informer catch-up), ms. */
  lookupTimeoutMs: number;
  /** Delay before restarting the watch after an error, ms. */
  restartDelayMs?: number;
  /** Default: silent. */
  log?: Logger;
}

export interface ServiceAccountInformer {
  cache: ServiceAccountCache;
  close(): Promise<void>;
}

function annotationsOf(sa: V1ServiceAccount): Annotations {
  return { ...(sa.metadata?.annotations ?? {}) };
}

function statusOf(error: unknown): number | undefined {
  const e = error as { code?: unknown; statusCode?: unknown };
  return typeof e.code === 'number' ? e.code : typeof e.statusCode === 'number' ? e.statusCode : undefined;
}

/**
 * Loads @kubernetes/client-node only here (and start-webhook.ts its KubeConfig): its generated
 * API models are a large heap and a slow start (docs/performance.md), which every importer of
 * the package carried, a webhook without Kubernetes (--in-cluster=false, as in pnpm bench) included: a
 * bigger heap, longer garbage-collection pauses under load (docs/performance.md).
 */
export async function startServiceAccountInformer(kc: KubeConfig, options: InformerOptions): Promise<ServiceAccountInformer> {
  const { CoreV1Api, makeInformer } = await import('@kubernetes/client-node');
  const api = kc.makeApiClient(CoreV1Api);
  const log = options.log ?? (await createLogger({ level: 'silent' }));
  const cache = new ServiceAccountCache({
    lookupTimeoutMs: options.lookupTimeoutMs,
    fetchDirect: async (namespace, name) => {
      try {
        return annotationsOf(await api.readNamespacedServiceAccount({ name, namespace }));
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
  });
  const informer = makeInformer(kc, '/api/v1/serviceaccounts', () => api.listServiceAccountForAllNamespaces());
  const upsert = (sa: V1ServiceAccount): void => {
    const { namespace, name } = sa.metadata ?? {};
    if (namespace !== undefined && name !== undefined) cache.set(namespace, name, annotationsOf(sa));
  };
  informer.on('add', upsert);
  informer.on('update', upsert);
  informer.on('delete', (sa) => {
    const { namespace, name } = sa.metadata ?? {};
    if (namespace !== undefined && name !== undefined) cache.delete(namespace, name);
  });
  let closed = false;
  let restart: ReturnType<typeof setTimeout> | undefined;
  const start = (): void => {
    informer.start().catch((error: unknown) => log.warn({ err: error }, 'service account informer failed to start'));
  };
  informer.on('error', (error: unknown) => {
    if (closed) return;
    log.warn({ err: error }, 'service account watch failed, serving from cache and retrying');
    restart = setTimeout(start, options.restartDelayMs ?? 1000);
  });
  start();
  return {
    cache,
    async close() {
      closed = true;
      clearTimeout(restart);
      await informer.stop();
    },
  };
}
