/** What a source knows of an association beyond its existence; upstream's file names neither. */
export interface AssociationFacts {
  associationId: string;
  /** The association's role, once the source has described it. */
  roleArn: string | undefined;
}

/** Which service accounts have a Pod Identity association (upstream pkg/containercredentials Config). */
export interface PodIdentityLookup {
  has(namespace: string, serviceAccount: string): boolean;
  /** The association's id and role, for the audit trail; only sources that know them have this. */
  describe?(namespace: string, serviceAccount: string): AssociationFacts | undefined;
}

export interface Identity {
  namespace: string;
  serviceAccount: string;
  /** Set by sources that have one (eksid's API); upstream's file has none. */
  associationId?: string;
}

/**
 * Values by (namespace, service account). Two levels of Map, not one keyed by a joined string:
 * ("a", "b/c") and ("a/b", "c") stay apart without trusting name syntax, and an admission looks
 * its pod up without building a key.
 */
export class IdentityMap<T> {
  private readonly byNamespace = new Map<string, Map<string, T>>();

  set(namespace: string, serviceAccount: string, value: T): this {
    let accounts = this.byNamespace.get(namespace);
    if (accounts === undefined) this.byNamespace.set(namespace, (accounts = new Map()));
    accounts.set(serviceAccount, value);
    return this;
  }

  get(namespace: string, serviceAccount: string): T | undefined {
    return this.byNamespace.get(namespace)?.get(serviceAccount);
  }

  has(namespace: string, serviceAccount: string): boolean {
    return this.byNamespace.get(namespace)?.has(serviceAccount) ?? false;
  }

  *values(): IterableIterator<T> {
    for (const accounts of this.byNamespace.values()) yield* accounts.values();
  }
}

/** The identities as a lookup set. */
export function identitySet(identities: readonly Identity[]): IdentityMap<true> {
  const set = new IdentityMap<true>();
  for (const { namespace, serviceAccount } of identities) set.set(namespace, serviceAccount, true);
  return set;
}

/** A fixed set of identities, e.g. for tests or a one-shot configuration. */
export function staticIdentities(identities: readonly Identity[]): PodIdentityLookup {
  const known = identitySet(identities);
  return { has: (namespace, serviceAccount) => known.has(namespace, serviceAccount) };
}

/** Pod Identity applies when any source knows the association; the first that does describes it. */
export function anyIdentity(sources: readonly PodIdentityLookup[]): PodIdentityLookup {
  // Loops, not some/find with closures: both run on every admission.
  return {
    has: (namespace, serviceAccount) => {
      for (const source of sources) if (source.has(namespace, serviceAccount)) return true;
      return false;
    },
    describe: (namespace, serviceAccount) => {
      for (const source of sources) if (source.has(namespace, serviceAccount)) return source.describe?.(namespace, serviceAccount);
      return undefined;
    },
  };
}
