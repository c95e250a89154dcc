import { insertCluster, parseCreateClusterInput, putServiceAccount } from '../eks/index.js';
import type { ClusterSpec, EksContext } from '../eks/index.js';
import type { ClusterRecord } from '../store/index.js';
import { ConfigError, at } from './errors.js';
import type { ClusterDecl } from './schema.js';
import { change, sameJson } from './summary.js';
import type { Change } from './summary.js';

/**
 * Clusters first (providers and trust policies refer to their issuers), each followed by its
 * service accounts. A new cluster goes through CreateCluster's own validation; an existing
 * one only has its version and tags brought in line, as UpdateClusterVersion/TagResource would.
 */
export function applyClusters(ctx: EksContext, decls: readonly ClusterDecl[]): Change[] {
  const changes: Change[] = [];
  decls.forEach((decl, i) => {
    const path = `clusters[${i}]`;
    const input = at(path, () => parseCreateClusterInput({ name: decl.name, version: decl.version, tags: decl.tags }, 'declaration'));
    const existing = ctx.store.clusters.get(ctx.config.accountId, decl.name);
    if (!existing) {
      at(path, () => insertCluster(ctx, input));
      changes.push(change('cluster', decl.name, 'created'));
    } else {
      const spec = existing.spec as unknown as ClusterSpec;
      const updated: ClusterSpec = { ...spec, version: input.version ?? spec.version, tags: input.tags ?? spec.tags };
      const details = [...(updated.version !== spec.version ? ['version'] : []), ...(sameJson(updated.tags, spec.tags) ? [] : ['tags'])];
      if (details.length > 0) ctx.store.clusters.updateSpec(ctx.config.accountId, decl.name, updated as unknown as Record<string, unknown>);
      changes.push(change('cluster', decl.name, details));
    }
    decl.serviceAccounts.forEach((sa, j) => {
      const { action } = at(`${path}.serviceAccounts[${j}]`, () =>
        putServiceAccount(ctx, { clusterName: decl.name, namespace: sa.namespace, name: sa.name, annotations: sa.annotations }),
      );
      changes.push(change('serviceAccount', `${decl.name}/${sa.namespace}/${sa.name}`, action === 'created' ? 'created' : action === 'updated' ? ['annotations'] : []));
    });
  });
  return changes;
}

/** The stored cluster a declaration refers to by name, or a ConfigError at `path`. */
export function declaredCluster(ctx: EksContext, name: string, path: string): ClusterRecord {
  const cluster = ctx.store.clusters.get(ctx.config.accountId, name);
  if (!cluster) throw new ConfigError(path, `no cluster named '${name}' (declare it under clusters)`);
  return cluster;
}
