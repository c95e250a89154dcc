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

// JSON keeps ("a", "b/c") and ("a/b", "c") apart without trusting name syntax.
export function identityKey(namespace: string, serviceAccount: string): string {
  return JSON.stringify([namespace, serviceAccount]);
}

/** A fixed set of identities, e.g. for tests or a one-shot configuration. */
export function staticIdentities(identities: readonly Identity[]): PodIdentityLookup {
  const keys = new Set(identities.map((id) => identityKey(id.namespace, id.serviceAccount)));
  return { has: (namespace, serviceAccount) => keys.has(identityKey(namespace, serviceAccount)) };
}

/** Pod Identity applies when any source knows the association; the first that does describes it. */
export function anyIdentity(sources: readonly PodIdentityLookup[]): PodIdentityLookup {
  return {
    has: (namespace, serviceAccount) => sources.some((s) => s.has(namespace, serviceAccount)),
    describe: (namespace, serviceAccount) => sources.find((s) => s.has(namespace, serviceAccount))?.describe?.(namespace, serviceAccount),
  };
}
