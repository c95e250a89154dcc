import type { EksContext } from '../eks/index.js';
import {
  attachRolePolicy,
  createRole,
  deleteRolePolicy,
  detachRolePolicy,
  putRolePolicy,
  tagRole,
  untagRole,
  updateAssumeRolePolicy,
  updateRole,
} from '../iam/index.js';
import type { RoleRecord } from '../store/index.js';
import { declaredCluster } from './apply-clusters.js';
import { ConfigError, at } from './errors.js';
import type { RoleDecl, TrustPolicyDecl } from './schema.js';
import { change, sameJson } from './summary.js';
import type { Change } from './summary.js';
import { irsaTrustPolicy, podIdentityTrustPolicy } from './trust-policies.js';

/**
 * Roles through the IAM actions (CreateRole, UpdateAssumeRolePolicy, UpdateRole, Tag/UntagRole,
 * Put/DeleteRolePolicy, Attach/DetachRolePolicy), so IAM's validation is the only one. Roles
 * not in the document are left alone; a declared role's policies converge to the document.
 */
export function applyRoles(ctx: EksContext, decls: readonly RoleDecl[]): Change[] {
  return decls.map((decl, i) => {
    const path = `roles[${i}]`;
    const trust = JSON.stringify(expandTrust(ctx, decl.trustPolicy, `${path}.trustPolicy`));
    const existing = ctx.store.roles.get(ctx.config.accountId, decl.name);
    if (!existing) {
      at(path, () => {
        createRole(ctx, { roleName: decl.name, assumeRolePolicyDocument: trust, path: decl.path, description: decl.description, maxSessionDuration: decl.maxSessionDuration });
        // Through TagRole rather than CreateRole's Tags: TagRole is where IAM's 50-tag limit lives.
        if (decl.tags) tagRole(ctx, { roleName: decl.name, tags: toTags(decl.tags) });
      });
      applyPolicies(ctx, decl.name, decl.policies, path);
      return change('role', decl.name, 'created');
    }
    const details = [...updateRoleFields(ctx, decl, existing, trust, path), ...applyPolicies(ctx, existing.name, decl.policies, path)];
    return change('role', decl.name, details);
  });
}

function expandTrust(ctx: EksContext, decl: TrustPolicyDecl, path: string): Record<string, unknown> {
  if (decl.kind === 'document') return decl.document;
  if (decl.kind === 'podIdentity') {
    if (decl.cluster !== undefined) declaredCluster(ctx, decl.cluster, `${path}.podIdentity.cluster`);
    return podIdentityTrustPolicy(ctx.config, decl.cluster);
  }
  const cluster = declaredCluster(ctx, decl.cluster, `${path}.irsa.cluster`);
  return irsaTrustPolicy(ctx.config, cluster.oidcId, decl.namespace, decl.serviceAccount, decl.audience);
}

function toTags(tags: Record<string, string>) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

function updateRoleFields(ctx: EksContext, decl: RoleDecl, role: RoleRecord, trust: string, path: string): string[] {
  const details: string[] = [];
  const roleName = role.name;
  // IAM has no action that moves a role to another path; only delete and re-create would.
  if (decl.path !== undefined && decl.path !== role.path) {
    throw new ConfigError(`${path}.path`, `role ${roleName} exists with path ${role.path}; IAM cannot change a role's path`);
  }
  if (!sameJson(JSON.parse(role.assumeRolePolicy), JSON.parse(trust))) {
    at(`${path}.trustPolicy`, () => updateAssumeRolePolicy(ctx, { roleName, policyDocument: trust }));
    details.push('trustPolicy');
  }
  const description = decl.description !== undefined && decl.description !== (role.description ?? '') ? decl.description : undefined;
  const maxSessionDuration = decl.maxSessionDuration !== undefined && decl.maxSessionDuration !== role.maxSessionDuration ? decl.maxSessionDuration : undefined;
  if (description !== undefined || maxSessionDuration !== undefined) {
    at(path, () => updateRole(ctx, { roleName, description, maxSessionDuration }));
    if (description !== undefined) details.push('description');
    if (maxSessionDuration !== undefined) details.push('maxSessionDuration');
  }
  if (decl.tags !== undefined) {
    const wanted = decl.tags;
    const current = Object.fromEntries(role.tags.map((t) => [t.Key, t.Value]));
    if (!sameJson(wanted, current)) {
      at(`${path}.tags`, () => {
        const stale = Object.keys(current).filter((k) => !(k in wanted));
        if (stale.length > 0) untagRole(ctx, { roleName, tagKeys: stale });
        tagRole(ctx, { roleName, tags: toTags(wanted) });
      });
      details.push('tags');
    }
  }
  return details;
}

function applyPolicies(ctx: EksContext, roleName: string, policies: RoleDecl['policies'], path: string): string[] {
  if (!policies) return [];
  const { accountId } = ctx.config;
  const details: string[] = [];
  for (const [policyName, document] of Object.entries(policies.inline)) {
    const current = ctx.store.policies.getInline(accountId, roleName, policyName);
    if (current && sameJson(JSON.parse(current.document), document)) continue;
    at(`${path}.policies.inline.${policyName}`, () => putRolePolicy(ctx, { roleName, policyName, policyDocument: JSON.stringify(document) }));
    details.push(`inline policy ${policyName}`);
  }
  for (const policyName of ctx.store.policies.listInline(accountId, roleName)) {
    if (policyName in policies.inline) continue;
    deleteRolePolicy(ctx, { roleName, policyName });
    details.push(`removed inline policy ${policyName}`);
  }
  const attached = ctx.store.policies.attachedToRole(accountId, roleName);
  policies.managed.forEach((policyArn, j) => {
    if (attached.includes(policyArn)) return;
    at(`${path}.policies.managed[${j}]`, () => attachRolePolicy(ctx, { roleName, policyArn }));
    details.push(`attached ${policyArn}`);
  });
  for (const policyArn of attached.filter((arn) => !policies.managed.includes(arn))) {
    detachRolePolicy(ctx, { roleName, policyArn });
    details.push(`detached ${policyArn}`);
  }
  return details;
}
