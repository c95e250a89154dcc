/** Which service accounts have a Pod Identity association (upstream pkg/containercredentials Config). */
export interface PodIdentityLookup {
  has(namespace: string, serviceAccount: string): boolean;
}

export interface Identity {
  namespace: string;
  serviceAccount: string;
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

/** Pod Identity applies when any source knows the association. */
export function anyIdentity(sources: readonly PodIdentityLookup[]): PodIdentityLookup {
  return { has: (namespace, serviceAccount) => sources.some((s) => s.has(namespace, serviceAccount)) };
}
