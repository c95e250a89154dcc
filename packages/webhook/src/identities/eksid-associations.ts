// Beyond upstream: Pod Identity associations read straight from eksid's EKS API, so
// `aws eks create-pod-identity-association` reaches the webhook without editing a file.
// Wire shape = AWS ListPodIdentityAssociations (rest-json):
// GET /clusters/{name}/pod-identity-associations?maxResults&nextToken → {associations, nextToken}.
import { createLogger } from '@eksid/core/log';
import type { Logger } from '@eksid/core/log';
import { IdentityMap } from './types.js';
import type { AssociationFacts, Identity, PodIdentityLookup } from './types.js';

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
        const id = typeof item.associationId === 'string' && item.associationId !== '' ? { associationId: item.associationId } : {};
        identities.push({ namespace: item.namespace, serviceAccount: item.serviceAccount, ...id });
      }
    }
    nextToken = typeof body.nextToken === 'string' && body.nextToken !== '' ? body.nextToken : undefined;
  } while (nextToken !== undefined);
  return identities;
}

/** DescribePodIdentityAssociation's roleArn: the list's summaries carry no role (as in AWS). */
async function describeAssociationRole(options: AssociationSourceOptions, associationId: string): Promise<string | undefined> {
  const doFetch = options.fetch ?? fetch;
  const url = new URL(`clusters/${encodeURIComponent(options.cluster)}/pod-identity-associations/${encodeURIComponent(associationId)}`,
    options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`);
  const response = await doFetch(url, { headers: { accept: 'application/json' } });
  const text = await response.text();
  if (!response.ok) throw new AssociationListError(`GET ${url.pathname}: HTTP ${response.status} ${text.slice(0, 200)}`);
  const roleArn = (JSON.parse(text) as { association?: { roleArn?: unknown } }).association?.roleArn;
  return typeof roleArn === 'string' ? roleArn : undefined;
}

// Roles are only for the audit trail, so they are described lazily: a few per poll, each
// again after this many polls (an update can change the role without changing the list).
const DESCRIBES_PER_POLL = 10;
const REDESCRIBE_AFTER_POLLS = 15;

export interface PolledIdentities extends PodIdentityLookup {
  /** Re-reads now; resolves once this poll has been applied (or failed). */
  refresh(): Promise<void>;
  close(): void;
}

/** Polls the association list; on failure the last good list keeps answering. */
export async function pollEksidAssociations(
  options: AssociationSourceOptions & { intervalMs: number; log?: Logger },
): Promise<PolledIdentities> {
  const log = options.log ?? (await createLogger({ level: 'silent' }));
  let associations = new IdentityMap<AssociationFacts>();
  const described = new Map<string, { roleArn: string | undefined; poll: number }>();
  let polls = 0;
  let inFlight: Promise<void> | undefined;
  const describeRoles = async (): Promise<void> => {
    const ids = new Set([...associations.values()].map((facts) => facts.associationId).filter((id) => id !== ''));
    for (const id of described.keys()) if (!ids.has(id)) described.delete(id);
    // Never described counts as described long ago, so new associations come first.
    const lastDescribed = (id: string): number => described.get(id)?.poll ?? -REDESCRIBE_AFTER_POLLS;
    const due = [...ids]
      .filter((id) => polls - lastDescribed(id) >= REDESCRIBE_AFTER_POLLS)
      .sort((a, b) => lastDescribed(a) - lastDescribed(b))
      .slice(0, DESCRIBES_PER_POLL);
    await Promise.all(due.map(async (id) => {
      // A failed describe keeps the last known role: the audit trail must not cost the poll.
      const roleArn = await describeAssociationRole(options, id).catch(() => described.get(id)?.roleArn);
      described.set(id, { roleArn, poll: polls });
    }));
    for (const facts of associations.values()) facts.roleArn = described.get(facts.associationId)?.roleArn;
  };
  const poll = async (): Promise<void> => {
    polls += 1;
    try {
      const identities = await listPodIdentityAssociations(options);
      const next = new IdentityMap<AssociationFacts>();
      for (const { namespace, serviceAccount, associationId = '' } of identities) {
        next.set(namespace, serviceAccount, { associationId, roleArn: described.get(associationId)?.roleArn });
      }
      associations = next;
      await describeRoles();
    } catch (error) {
      log.warn({ endpoint: options.endpoint, err: error }, 'cannot read pod identity associations; the last ones read still apply');
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
    has: (namespace, serviceAccount) => associations.has(namespace, serviceAccount),
    describe: (namespace, serviceAccount) => {
      const facts = associations.get(namespace, serviceAccount);
      return facts === undefined || facts.associationId === '' ? undefined : facts;
    },
    refresh,
    close: () => clearInterval(timer),
  };
}
