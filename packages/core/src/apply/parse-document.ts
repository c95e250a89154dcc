import { serviceAccountNameProblem } from '../eks/index.js';
import { ConfigError } from './errors.js';
import { parseAssociations } from './parse-associations.js';
import { checkIamValue, noDuplicates } from './rules.js';
import { listAt, objectAt, onlyKeys, optionalIntegerAt, optionalStringAt, stringAt, stringListAt, stringMapAt } from './reader.js';
import type { Json } from './reader.js';
import type { ApplyDocument, ClusterDecl, OidcProviderDecl, RoleDecl, ServiceAccountDecl, TrustPolicyDecl } from './schema.js';

const IRSA_AUDIENCE = 'sts.amazonaws.com';

/** Checks a parsed YAML/JSON config (as `unknown`) and returns it typed, or throws ConfigError at the first bad path. */
export function parseApplyDocument(raw: unknown): ApplyDocument {
  if (raw === null || raw === undefined) return { clusters: [], oidcProviders: [], roles: [] };
  const root = objectAt(raw, '(document)');
  onlyKeys(root, ['account', 'clusters', 'oidcProviders', 'roles', 'podIdentityAssociations'], '');
  const doc: ApplyDocument = {
    clusters: listAt(root['clusters'], 'clusters').map((c, i) => parseCluster(c, `clusters[${i}]`)),
    oidcProviders: listAt(root['oidcProviders'], 'oidcProviders').map((p, i) => parseProvider(p, `oidcProviders[${i}]`)),
    roles: listAt(root['roles'], 'roles').map((r, i) => parseRole(r, `roles[${i}]`)),
  };
  // A name declared twice would silently apply twice; IAM role names are case-insensitive.
  noDuplicates(doc.clusters, (c) => c.name, (i) => `clusters[${i}].name`);
  doc.clusters.forEach((c, i) => noDuplicates(c.serviceAccounts, (sa) => `${sa.namespace}/${sa.name}`, (j) => `clusters[${i}].serviceAccounts[${j}]`));
  noDuplicates(doc.oidcProviders, (p) => p.cluster, (i) => `oidcProviders[${i}].cluster`);
  noDuplicates(doc.roles, (r) => r.name.toLowerCase(), (i) => `roles[${i}].name`);
  if (root['podIdentityAssociations'] !== undefined) doc.podIdentityAssociations = parseAssociations(root['podIdentityAssociations']);
  if (root['account'] !== undefined) {
    // YAML reads an unquoted 000000000000 as the number 0: say so instead of "expected a string".
    if (typeof root['account'] === 'number') throw new ConfigError('account', 'expected 12 digits as a string; quote it, e.g. account: "000000000000"');
    const account = stringAt(root['account'], 'account');
    if (!/^\d{12}$/.test(account)) throw new ConfigError('account', `expected 12 digits, got '${account}'`);
    doc.account = account;
  }
  return doc;
}

function parseCluster(raw: unknown, path: string): ClusterDecl {
  const map = objectAt(raw, path);
  onlyKeys(map, ['name', 'version', 'tags', 'serviceAccounts'], path);
  const cluster: ClusterDecl = {
    name: stringAt(map['name'], `${path}.name`),
    serviceAccounts: listAt(map['serviceAccounts'], `${path}.serviceAccounts`).map((sa, i) => parseServiceAccount(sa, `${path}.serviceAccounts[${i}]`)),
  };
  const version = map['version'];
  // `version: 1.30` in YAML is the number 1.3; only a string keeps the minor version intact.
  if (typeof version === 'number') throw new ConfigError(`${path}.version`, `expected a string; quote it, e.g. version: "${version}"`);
  if (version !== undefined) cluster.version = stringAt(version, `${path}.version`);
  if (map['tags'] !== undefined) cluster.tags = stringMapAt(map['tags'], `${path}.tags`);
  return cluster;
}

function parseServiceAccount(raw: unknown, path: string): ServiceAccountDecl {
  const map = objectAt(raw, path);
  onlyKeys(map, ['namespace', 'name', 'annotations'], path);
  const namespace = stringAt(map['namespace'] ?? 'default', `${path}.namespace`);
  const name = stringAt(map['name'], `${path}.name`);
  for (const [kind, value] of [['namespace', namespace], ['name', name]] as const) {
    const problem = serviceAccountNameProblem(kind, value);
    if (problem) throw new ConfigError(`${path}.${kind}`, problem);
  }
  return { namespace, name, annotations: stringMapAt(map['annotations'], `${path}.annotations`) };
}

function parseProvider(raw: unknown, path: string): OidcProviderDecl {
  const map = objectAt(raw, path);
  onlyKeys(map, ['cluster', 'clientIds', 'thumbprints'], path);
  const clientIds = map['clientIds'] === undefined ? [IRSA_AUDIENCE] : stringListAt(map['clientIds'], `${path}.clientIds`);
  const provider: OidcProviderDecl = { cluster: stringAt(map['cluster'], `${path}.cluster`), clientIds };
  if (map['thumbprints'] !== undefined) provider.thumbprints = stringListAt(map['thumbprints'], `${path}.thumbprints`);
  return provider;
}

function parseRole(raw: unknown, path: string): RoleDecl {
  const map = objectAt(raw, path);
  onlyKeys(map, ['name', 'path', 'description', 'maxSessionDuration', 'tags', 'trustPolicy', 'policies'], path);
  if (map['trustPolicy'] === undefined) throw new ConfigError(`${path}.trustPolicy`, 'is required (irsa: {...}, podIdentity: {...} or a policy document)');
  const name = checkIamValue('roleName', stringAt(map['name'], `${path}.name`), `${path}.name`);
  const role: RoleDecl = { name, trustPolicy: parseTrust(map['trustPolicy'], `${path}.trustPolicy`) };
  const rolePath = optionalStringAt(map['path'], `${path}.path`);
  const description = optionalStringAt(map['description'], `${path}.description`);
  const maxSessionDuration = optionalIntegerAt(map['maxSessionDuration'], `${path}.maxSessionDuration`);
  if (rolePath !== undefined) role.path = checkIamValue('path', rolePath, `${path}.path`);
  if (description !== undefined) role.description = checkIamValue('description', description, `${path}.description`);
  if (maxSessionDuration !== undefined) role.maxSessionDuration = checkIamValue('maxSessionDuration', maxSessionDuration, `${path}.maxSessionDuration`);
  if (map['tags'] !== undefined) role.tags = stringMapAt(map['tags'], `${path}.tags`);
  if (map['policies'] !== undefined) role.policies = parsePolicies(map['policies'], `${path}.policies`);
  return role;
}

function parseTrust(raw: unknown, path: string): TrustPolicyDecl {
  const map = objectAt(raw, path);
  if ('irsa' in map) {
    onlyKeys(map, ['irsa'], path);
    const irsa = objectAt(map['irsa'], `${path}.irsa`);
    onlyKeys(irsa, ['cluster', 'namespace', 'serviceAccount', 'audience'], `${path}.irsa`);
    return {
      kind: 'irsa',
      cluster: stringAt(irsa['cluster'], `${path}.irsa.cluster`),
      namespace: stringAt(irsa['namespace'] ?? 'default', `${path}.irsa.namespace`),
      serviceAccount: stringAt(irsa['serviceAccount'], `${path}.irsa.serviceAccount`),
      audience: stringAt(irsa['audience'] ?? IRSA_AUDIENCE, `${path}.irsa.audience`),
    };
  }
  if ('podIdentity' in map) {
    onlyKeys(map, ['podIdentity'], path);
    const pod: Json = map['podIdentity'] === null ? {} : objectAt(map['podIdentity'], `${path}.podIdentity`);
    onlyKeys(pod, ['cluster'], `${path}.podIdentity`);
    const cluster = optionalStringAt(pod['cluster'], `${path}.podIdentity.cluster`);
    return cluster === undefined ? { kind: 'podIdentity' } : { kind: 'podIdentity', cluster };
  }
  if (!('Statement' in map)) throw new ConfigError(path, 'expected irsa: {...}, podIdentity: {...} or a policy document with a Statement');
  return { kind: 'document', document: map };
}

function parsePolicies(raw: unknown, path: string): NonNullable<RoleDecl['policies']> {
  const map = objectAt(raw, path);
  onlyKeys(map, ['inline', 'managed'], path);
  const inline: Record<string, Record<string, unknown>> = {};
  if (map['inline'] !== undefined && map['inline'] !== null) {
    for (const [name, document] of Object.entries(objectAt(map['inline'], `${path}.inline`))) {
      inline[checkIamValue('policyName', name, `${path}.inline.${name}`)] = objectAt(document, `${path}.inline.${name}`);
    }
  }
  return { inline, managed: stringListAt(map['managed'], `${path}.managed`) };
}
