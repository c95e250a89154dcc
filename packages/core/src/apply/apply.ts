import type { EksContext } from '../eks/index.js';
import { ensureClusterKey } from '../keys/index.js';
import { applyAssociations } from './apply-associations.js';
import { applyClusters } from './apply-clusters.js';
import { applyOidcProviders } from './apply-providers.js';
import { applyRoles } from './apply-roles.js';
import { ConfigError } from './errors.js';
import type { ApplyDocument } from './schema.js';
import { summarize } from './summary.js';
import type { ApplySummary } from './summary.js';

/**
 * Brings the store in line with a config document, idempotently: applying the same document
 * twice reports everything unchanged the second time. All records change in one transaction,
 * so a document that fails half-way leaves nothing behind; the clusters' signing keys are
 * made afterwards because key generation is asynchronous (ensureClusterKey is idempotent).
 */
export async function applyDocument(ctx: EksContext, doc: ApplyDocument): Promise<ApplySummary> {
  if (doc.account !== undefined && doc.account !== ctx.config.accountId) {
    throw new ConfigError('account', `this eksid serves account ${ctx.config.accountId}, not ${doc.account} (start it with --account ${doc.account})`);
  }
  const changes = ctx.store.transaction(() => [
    ...applyClusters(ctx, doc.clusters),
    ...applyOidcProviders(ctx, doc.oidcProviders),
    ...applyRoles(ctx, doc.roles),
    ...applyAssociations(ctx, doc.podIdentityAssociations ?? []),
  ]);
  for (const cluster of doc.clusters) await ensureClusterKey(ctx.store, ctx.deps, cluster.name);
  return summarize(changes);
}
