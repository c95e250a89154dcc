import { serviceAccountNameProblem } from '../eks/index.js';
import { ConfigError } from './errors.js';
import { noDuplicates } from './rules.js';
import { listAt, objectAt, onlyKeys, optionalStringAt, stringAt, stringMapAt } from './reader.js';
import type { PodIdentityAssociationDecl } from './schema.js';

const KEYS = ['cluster', 'namespace', 'serviceAccount', 'role', 'targetRole', 'disableSessionTags', 'tags'];

function parseAssociation(raw: unknown, path: string): PodIdentityAssociationDecl {
  const map = objectAt(raw, path);
  onlyKeys(map, KEYS, path);
  const decl: PodIdentityAssociationDecl = {
    cluster: stringAt(map['cluster'], `${path}.cluster`),
    namespace: stringAt(map['namespace'] ?? 'default', `${path}.namespace`),
    serviceAccount: stringAt(map['serviceAccount'], `${path}.serviceAccount`),
    role: stringAt(map['role'], `${path}.role`),
  };
  for (const [kind, member, value] of [['namespace', 'namespace', decl.namespace], ['name', 'serviceAccount', decl.serviceAccount]] as const) {
    const problem = serviceAccountNameProblem(kind, value);
    if (problem) throw new ConfigError(`${path}.${member}`, problem);
  }
  const targetRole = optionalStringAt(map['targetRole'], `${path}.targetRole`);
  if (targetRole !== undefined) decl.targetRole = targetRole;
  const disable = map['disableSessionTags'];
  if (disable !== undefined) {
    if (typeof disable !== 'boolean') throw new ConfigError(`${path}.disableSessionTags`, 'expected true or false');
    decl.disableSessionTags = disable;
  }
  if (map['tags'] !== undefined) decl.tags = stringMapAt(map['tags'], `${path}.tags`);
  return decl;
}

/** `podIdentityAssociations:`; EKS allows one association per cluster/namespace/service account, so a repeat is an error. */
export function parseAssociations(raw: unknown): PodIdentityAssociationDecl[] {
  const decls = listAt(raw, 'podIdentityAssociations').map((a, i) => parseAssociation(a, `podIdentityAssociations[${i}]`));
  noDuplicates(decls, (a) => `${a.cluster}/${a.namespace}/${a.serviceAccount}`, (i) => `podIdentityAssociations[${i}]`);
  return decls;
}
