// Beyond upstream: Pod Identity associations read straight from eksid's EKS API, so
// `aws eks create-pod-identity-association` reaches the webhook without editing a file.
// Wire shape = AWS ListPodIdentityAssociations (rest-json):
// GET /clusters/{name}/pod-identity-associations?maxResults&nextToken → {associations, nextToken}.
import { identityKey } from './types.js';
import type { Identity, PodIdentityLookup } from './types.js';

export interface AssociationSourceOptions {
  endpoint: string;
  cluster: string;
  fetch?: typeof fetch;
}

export class AssociationListError extends Error {
  readonly code = 'ERR_ASSOCIATION_LIST';
  override name = 'AssociationListError';
}

export async function listPodIdentityAssociations(options: AssociationSourceOptions): Promise<Identity[]> {
  const doFetch = options.fetch ?? fetch;
  const identities: Identity[] = [];
  let nextToken: string | undefined;
  do {
    const url = new URL(`clusters/${encodeURIComponent(options.cluster)}/pod-identity-associations`,
      options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`);
    url.searchParams.set('maxResults', '100');
    if (nextToken !== undefined) url.searchParams.set('nextToken', nextToken);
    const response = await doFetch(url, { headers: { accept: 'application/json' } });
    const text = await response.text();
    if (!response.ok) throw new AssociationListError(`GET ${url.pathname}: HTTP ${response.status} ${text.slice(0, 200)}`);
    const body = JSON.parse(text) as { associations?: unknown; nextToken?: unknown };
    if (!Array.isArray(body.associations)) throw new AssociationListError(`GET ${url.pathname}: no associations array`);
    for (const item of body.associations as Record<string, unknown>[]) {
      if (typeof item?.namespace === 'string' && typeof item.serviceAccount === 'string') {
        identities.push({ namespace: item.namespace, serviceAccount: item.serviceAccount });
      }
    }
    nextToken = typeof body.nextToken === 'string' && body.nextToken !== '' ? body.nextToken : undefined;
  } while (nextToken !== undefined);
  return identities;
}

export interface PolledIdentities extends PodIdentityLookup {
  /** Re-reads now; resolves once this poll has been applied (or failed). */
  refresh(): Promise<void>;
  close(): void;
}

/** Polls the association list; on failure the last good list keeps answering. */
export async function pollEksidAssociations(
  options: AssociationSourceOptions & { intervalMs: number; log?: (message: string) => void },
): Promise<PolledIdentities> {
  const log = options.log ?? (() => undefined);
  let keys = new Set<string>();
  let inFlight: Promise<void> | undefined;
  const poll = async (): Promise<void> => {
    try {
      const identities = await listPodIdentityAssociations(options);
      keys = new Set(identities.map((id) => identityKey(id.namespace, id.serviceAccount)));
    } catch (error) {
      log(`pod identity associations from ${options.endpoint}: ${(error as Error).message}`);
    }
  };
  // A slow endpoint must not pile up overlapping polls.
  const refresh = (): Promise<void> => {
    inFlight ??= poll().finally(() => { inFlight = undefined; });
    return inFlight;
  };
  await refresh();
  const timer = setInterval(() => void refresh(), options.intervalMs);
  timer.unref();
  return {
    has: (namespace, serviceAccount) => keys.has(identityKey(namespace, serviceAccount)),
    refresh,
    close: () => clearInterval(timer),
  };
}
