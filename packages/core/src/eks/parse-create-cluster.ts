import type { LogSetup } from './cluster.js';
import { InvalidParameterError } from './errors.js';
import {
  constraintError,
  isRecord,
  optionalBoolean,
  optionalObject,
  optionalString,
  optionalStringList,
  optionalTagMap,
  requestFields,
  requiredString,
} from './fields.js';
import { checkReservedTagKeys } from './tags.js';

export interface CreateClusterInput {
  name: string;
  version?: string;
  roleArn?: string;
  resourcesVpcConfig?: {
    subnetIds?: string[];
    securityGroupIds?: string[];
    endpointPublicAccess?: boolean;
    endpointPrivateAccess?: boolean;
    publicAccessCidrs?: string[];
  };
  kubernetesNetworkConfig?: { serviceIpv4Cidr?: string; ipFamily?: string };
  logging?: { clusterLogging: LogSetup[] };
  tags?: Record<string, string>;
  accessConfig?: { bootstrapClusterCreatorAdminPermissions?: boolean; authenticationMode?: string };
  upgradePolicy?: { supportType?: string };
  encryptionConfig?: unknown[];
  clientRequestToken?: string;
}

/** ClusterName in the EKS model: 1–100 chars, pattern ^[0-9A-Za-z][A-Za-z0-9\-_]*. */
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;
// Enums of the EKS model (LogType, AuthenticationMode, IpFamily, SupportType).
const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
const AUTHENTICATION_MODES = ['API', 'API_AND_CONFIG_MAP', 'CONFIG_MAP'];
const IP_FAMILIES = ['ipv4', 'ipv6'];
const SUPPORT_TYPES = ['STANDARD', 'EXTENDED'];

function validateClusterName(name: string, member = 'name'): string {
  if (name.length < 1 || name.length > 100) throw constraintError(member, name, 'Member must have length between 1 and 100');
  if (!CLUSTER_NAME.test(name)) throw constraintError(member, name, 'Member must satisfy regular expression pattern: ^[0-9A-Za-z][A-Za-z0-9\\-_]*');
  return name;
}

/**
 * EKS accepts the minor versions it currently supports and answers others with
 * InvalidParameterException "unsupported Kubernetes version <v>"; eksid accepts any 1.x.
 */
function validateVersion(version: string): string {
  if (!/^1\.\d{1,3}$/.test(version)) throw new InvalidParameterError(`unsupported Kubernetes version ${version}`);
  return version;
}

/** moto's check and message for a cluster role (moto/eks/utils.py validate_role_arn). */
function validateRoleArn(arn: string): string {
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(arn)) throw new InvalidParameterError(`Invalid Role Arn: '${arn}'`);
  return arn;
}

function oneOf(member: string, value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value !== undefined && !allowed.includes(value)) throw constraintError(member, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  return value;
}

function parseLogging(raw: unknown): { clusterLogging: LogSetup[] } | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw) || !Array.isArray(raw['clusterLogging'])) throw constraintError('logging.clusterLogging', raw, 'Member must be a list');
  const clusterLogging = raw['clusterLogging'].map((entry: unknown, i) => {
    const fields = isRecord(entry) ? entry : {};
    const types = optionalStringList(fields, 'types') ?? [];
    for (const type of types) oneOf(`logging.clusterLogging.${i + 1}.member.types`, type, LOG_TYPES);
    return { types, enabled: optionalBoolean(fields, 'enabled') ?? false };
  });
  return { clusterLogging };
}

/** Members CreateClusterRequest requires (service-2.json "required"), in model order. */
const REQUIRED_MEMBERS = ['name', 'roleArn', 'resourcesVpcConfig'];

/**
 * Absent required members, all named at once in AWS's validation wording, with the
 * InvalidParameterException this module answers every malformed member with (fields.ts).
 */
function checkRequiredMembers(fields: Readonly<Record<string, unknown>>): void {
  const missing = REQUIRED_MEMBERS.filter((member) => fields[member] === undefined || fields[member] === null);
  if (missing.length === 0) return;
  const count = missing.length === 1 ? '1 validation error' : `${missing.length} validation errors`;
  const each = missing.map((member) => `Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  throw new InvalidParameterError(`${count} detected: ${each.join('; ')}`);
}

/**
 * The CreateCluster body (CreateClusterRequest) as typed input. A `declaration` (eksid apply)
 * names only what a local cluster needs, so the API's required role and VPC may be absent.
 */
export function parseCreateClusterInput(body: unknown, mode: 'request' | 'declaration' = 'request'): CreateClusterInput {
  const fields = requestFields(body);
  if (mode === 'request') checkRequiredMembers(fields);
  const input: CreateClusterInput = { name: validateClusterName(requiredString(fields, 'name')) };
  const version = optionalString(fields, 'version');
  if (version !== undefined) input.version = validateVersion(version);
  const roleArn = optionalString(fields, 'roleArn');
  if (roleArn !== undefined) input.roleArn = validateRoleArn(roleArn);

  const vpc = optionalObject(fields, 'resourcesVpcConfig');
  if (vpc) {
    input.resourcesVpcConfig = {};
    const subnetIds = optionalStringList(vpc, 'subnetIds');
    const securityGroupIds = optionalStringList(vpc, 'securityGroupIds');
    const endpointPublicAccess = optionalBoolean(vpc, 'endpointPublicAccess');
    const endpointPrivateAccess = optionalBoolean(vpc, 'endpointPrivateAccess');
    const publicAccessCidrs = optionalStringList(vpc, 'publicAccessCidrs');
    if (subnetIds) input.resourcesVpcConfig.subnetIds = subnetIds;
    if (securityGroupIds) input.resourcesVpcConfig.securityGroupIds = securityGroupIds;
    if (endpointPublicAccess !== undefined) input.resourcesVpcConfig.endpointPublicAccess = endpointPublicAccess;
    if (endpointPrivateAccess !== undefined) input.resourcesVpcConfig.endpointPrivateAccess = endpointPrivateAccess;
    if (publicAccessCidrs) input.resourcesVpcConfig.publicAccessCidrs = publicAccessCidrs;
  }
  const network = optionalObject(fields, 'kubernetesNetworkConfig');
  if (network) {
    input.kubernetesNetworkConfig = {};
    const serviceIpv4Cidr = optionalString(network, 'serviceIpv4Cidr');
    const ipFamily = oneOf('kubernetesNetworkConfig.ipFamily', optionalString(network, 'ipFamily'), IP_FAMILIES);
    if (serviceIpv4Cidr !== undefined) input.kubernetesNetworkConfig.serviceIpv4Cidr = serviceIpv4Cidr;
    if (ipFamily !== undefined) input.kubernetesNetworkConfig.ipFamily = ipFamily;
  }
  const logging = parseLogging(fields['logging']);
  if (logging) input.logging = logging;
  const tags = optionalTagMap(fields, 'tags');
  checkReservedTagKeys(tags, InvalidParameterError);
  if (tags) input.tags = tags;
  const access = optionalObject(fields, 'accessConfig');
  if (access) {
    input.accessConfig = {};
    const bootstrap = optionalBoolean(access, 'bootstrapClusterCreatorAdminPermissions');
    const mode = oneOf('accessConfig.authenticationMode', optionalString(access, 'authenticationMode'), AUTHENTICATION_MODES);
    if (bootstrap !== undefined) input.accessConfig.bootstrapClusterCreatorAdminPermissions = bootstrap;
    if (mode !== undefined) input.accessConfig.authenticationMode = mode;
  }
  const upgrade = optionalObject(fields, 'upgradePolicy');
  if (upgrade) {
    const supportType = oneOf('upgradePolicy.supportType', optionalString(upgrade, 'supportType'), SUPPORT_TYPES);
    input.upgradePolicy = supportType === undefined ? {} : { supportType };
  }
  const encryption = fields['encryptionConfig'];
  if (encryption !== undefined && encryption !== null) {
    if (!Array.isArray(encryption)) throw constraintError('encryptionConfig', encryption, 'Member must be a list');
    input.encryptionConfig = encryption;
  }
  const token = optionalString(fields, 'clientRequestToken');
  if (token !== undefined) input.clientRequestToken = token;
  return input;
}
