import { ROLE_ARN_ANNOTATION, issuerUrl } from '@eksid/core';
import type { OidcProviderRecord, PodIdentityAssociationRecord } from '@eksid/core';
import type { ServerContext } from '../context.js';

interface ClusterView {
  name: string;
  arn: string;
  issuer: string;
  version: string | null;
}

interface ServiceAccountView {
  cluster: string;
  namespace: string;
  name: string;
  roleArn: string | null;
}

interface RoleView {
  name: string;
  arn: string;
  description: string | null;
  /** The trust policy indented for reading; the stored text itself when it is not JSON. */
  trustPolicy: string;
}

/** What the resource sections show: the account's state as the store has it right now. */
export interface DashboardState {
  accountId: string;
  clusters: ClusterView[];
  serviceAccounts: ServiceAccountView[];
  roles: RoleView[];
  associations: PodIdentityAssociationRecord[];
  oidcProviders: OidcProviderRecord[];
}

/**
 * Two-space indented JSON, so a projector shows a policy the way the IAM console does. IAM and
 * apply only store valid JSON; anything else is shown as stored rather than failing the page.
 */
function prettyPolicy(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function readDashboardState(ctx: ServerContext): DashboardState {
  const { accountId } = ctx.config;
  const clusters = ctx.store.clusters.list(accountId);
  return {
    accountId,
    clusters: clusters.map((c) => ({
      name: c.name,
      arn: c.arn,
      issuer: issuerUrl(ctx.config, c.oidcId),
      version: typeof c.spec['version'] === 'string' ? c.spec['version'] : null,
    })),
    serviceAccounts: clusters.flatMap((c) =>
      ctx.store.serviceAccounts.list(c.name).map((sa) => ({
        cluster: c.name,
        namespace: sa.namespace,
        name: sa.name,
        roleArn: sa.annotations[ROLE_ARN_ANNOTATION] ?? null,
      })),
    ),
    roles: ctx.store.roles.list(accountId).map((r) => ({
      name: r.name,
      arn: r.arn,
      description: r.description,
      trustPolicy: prettyPolicy(r.assumeRolePolicy),
    })),
    associations: clusters.flatMap((c) => ctx.store.podIdentityAssociations.list(accountId, c.name)),
    oidcProviders: ctx.store.oidcProviders.list(accountId),
  };
}
