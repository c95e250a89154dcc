import type { CoreConfig } from '../../config.js';
import { issuerHostPath, issuerUrl } from '../../oidc/index.js';
import type { Store } from '../../store/index.js';

/**
 * What the hints read of the account, as it is now (a decision read later may have been made
 * against an older trust policy). An interface so the rules stay pure and testable with a plain
 * object; `storeFacts` reads a Store lazily, so a decision that needs no lookup costs none.
 */
export interface HintFacts {
  readonly partition: string;
  readonly accountId: string;
  /** The trust policy as stored (JSON text); undefined when there is no such role. */
  trustPolicy(roleArn: string): string | undefined;
  clusterNames(): readonly string[];
  /** A cluster's issuer URL; undefined when there is no such cluster. */
  issuerOf(cluster: string): string | undefined;
  /** The cluster whose issuer has this host/path (the issuer without its scheme). */
  clusterOfIssuer(hostPath: string): string | undefined;
  /** Whether the host/path is shaped like an issuer of this eksid (`<public url>/id/<id>`), cluster or not. */
  isOwnIssuer(hostPath: string): boolean;
  /** The IAM OIDC provider of an issuer host/path. */
  providerOf(hostPath: string): { arn: string; clientIds: readonly string[] } | undefined;
}

export function storeFacts(store: Store, config: CoreConfig): HintFacts {
  const { accountId } = config;
  const ownPrefix = `${issuerHostPath(config.publicUrl)}/id/`;
  return {
    partition: config.partition,
    accountId,
    trustPolicy: (arn) => store.roles.byArn(arn)?.assumeRolePolicy,
    clusterNames: () => store.clusters.list(accountId).map((c) => c.name),
    issuerOf: (cluster) => {
      const record = store.clusters.get(accountId, cluster);
      return record === undefined ? undefined : issuerUrl(config, record.oidcId);
    },
    clusterOfIssuer: (hostPath) => (hostPath.startsWith(ownPrefix) ? store.clusters.nameByOidcId(hostPath.slice(ownPrefix.length)) : undefined),
    isOwnIssuer: (hostPath) => hostPath.startsWith(ownPrefix) && !hostPath.slice(ownPrefix.length).includes('/'),
    providerOf: (hostPath) => store.oidcProviders.byUrl(accountId, hostPath),
  };
}
