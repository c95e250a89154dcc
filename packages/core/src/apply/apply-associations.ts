import { createPodIdentityAssociation, updatePodIdentityAssociation } from '../eks/index.js';
import type { EksContext } from '../eks/index.js';
import { declaredCluster } from './apply-clusters.js';
import { ConfigError, at } from './errors.js';
import type { PodIdentityAssociationDecl } from './schema.js';
import { change, sameJson } from './summary.js';
import type { Change } from './summary.js';

/** A role given by name is one of this account's roles (its path included); an ARN is taken as is. */
function roleArnOf(ctx: EksContext, role: string, path: string): string {
  if (role.startsWith('arn:')) return role;
  const found = ctx.store.roles.get(ctx.config.accountId, role);
  if (!found) throw new ConfigError(path, `no role named '${role}' (declare it under roles, or give an ARN)`);
  return found.arn;
}

/**
 * Pod Identity associations after roles (they must exist), through the EKS actions a user
 * would call: CreatePodIdentityAssociation, then UpdatePodIdentityAssociation for the role,
 * target role and disableSessionTags. Tags are replaced as TagResource/UntagResource would.
 */
export function applyAssociations(ctx: EksContext, decls: readonly PodIdentityAssociationDecl[]): Change[] {
  return decls.map((decl, i) => {
    const path = `podIdentityAssociations[${i}]`;
    const name = `${decl.cluster}/${decl.namespace}/${decl.serviceAccount}`;
    const cluster = declaredCluster(ctx, decl.cluster, `${path}.cluster`);
    const wanted = {
      roleArn: roleArnOf(ctx, decl.role, `${path}.role`),
      targetRoleArn: decl.targetRole === undefined ? null : roleArnOf(ctx, decl.targetRole, `${path}.targetRole`),
      disableSessionTags: decl.disableSessionTags ?? false,
      tags: decl.tags ?? {},
    };
    const existing = ctx.store.podIdentityAssociations.forServiceAccount(ctx.config.accountId, cluster.name, decl.namespace, decl.serviceAccount);
    if (!existing) {
      at(path, () => createPodIdentityAssociation(ctx, {
        clusterName: cluster.name, namespace: decl.namespace, serviceAccount: decl.serviceAccount, roleArn: wanted.roleArn,
        disableSessionTags: wanted.disableSessionTags, tags: wanted.tags, ...(wanted.targetRoleArn === null ? {} : { targetRoleArn: wanted.targetRoleArn }),
      }));
      return change('podIdentityAssociation', name, 'created');
    }
    const details: string[] = (['roleArn', 'targetRoleArn', 'disableSessionTags'] as const).filter((k) => existing[k] !== wanted[k]);
    if (details.length > 0) {
      at(path, () => updatePodIdentityAssociation(ctx, {
        clusterName: cluster.name, associationId: existing.associationId, roleArn: wanted.roleArn,
        targetRoleArn: wanted.targetRoleArn ?? '', disableSessionTags: wanted.disableSessionTags,
      }));
    }
    if (!sameJson(existing.tags, wanted.tags)) {
      const current = ctx.store.podIdentityAssociations.get(ctx.config.accountId, cluster.name, existing.associationId) ?? existing;
      ctx.store.podIdentityAssociations.put({ ...current, tags: wanted.tags, modifiedAt: ctx.deps.clock.now() });
      details.push('tags');
    }
    return change('podIdentityAssociation', name, details);
  });
}
